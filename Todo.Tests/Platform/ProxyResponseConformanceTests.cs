using System.Text.Json;
using Todo.Http;
using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Tests.Platform;

/// <summary>
/// What our functions return is what API Gateway's REST proxy integration accepts: anything else is a 502.
/// The response must be a JSON object of statusCode (number), headers (object of strings),
/// multiValueHeaders (object of string arrays), body (string) and isBase64Encoded (boolean), and nothing else.
/// </summary>
public class ProxyResponseConformanceTests
{
    private const string Origin = "http://x";

    private static readonly ApiResponses Responses = new(Origin);

    private static readonly TodoItem Item = new("7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11", "Buy milk", false, "2026-11-25T10:00:00.000Z");

    public static TheoryData<string> Kinds => ["item", "items", "empty-items", "message", "message-with-errors", "not-found"];

    private static APIGatewayProxyResponse Build(string kind) => kind switch
    {
        "item" => Responses.Item(201, Item),
        "items" => Responses.Items([Item, Item with { Id = "0f9e8d7c-6b5a-4493-8271-605f4e3d2c1b", Completed = true }]),
        "empty-items" => Responses.Items([]),
        "message" => Responses.Message(409, "A todo with this id already exists"),
        "message-with-errors" => Responses.Message(400, "Invalid request body", new Dictionary<string, string> { ["text"] = "must not be empty" }),
        "not-found" => Responses.NotFound(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private static JsonElement Serialized(APIGatewayProxyResponse response)
    {
        using var document = JsonDocument.Parse(LambdaPayload.Write(response, LambdaJsonContext.Default.APIGatewayProxyResponse));
        return document.RootElement.Clone();
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_response_has_only_the_fields_api_gateway_accepts_with_their_types(string kind)
    {
        var json = Serialized(Build(kind));

        Assert.Equal(JsonValueKind.Object, json.ValueKind);
        string[] allowed = ["statusCode", "headers", "multiValueHeaders", "body", "isBase64Encoded"];
        foreach (var property in json.EnumerateObject())
        {
            Assert.Contains(property.Name, allowed);
            switch (property.Name)
            {
                case "statusCode":
                    Assert.Equal(JsonValueKind.Number, property.Value.ValueKind);
                    Assert.InRange(property.Value.GetInt32(), 100, 599);
                    break;
                case "headers":
                    Assert.Equal(JsonValueKind.Object, property.Value.ValueKind);
                    Assert.All(property.Value.EnumerateObject(), h => Assert.Equal(JsonValueKind.String, h.Value.ValueKind));
                    break;
                case "multiValueHeaders":
                    Assert.Equal(JsonValueKind.Object, property.Value.ValueKind);
                    Assert.All(property.Value.EnumerateObject(), h =>
                    {
                        Assert.Equal(JsonValueKind.Array, h.Value.ValueKind);
                        Assert.All(h.Value.EnumerateArray(), v => Assert.Equal(JsonValueKind.String, v.ValueKind));
                    });
                    break;
                case "body":
                    Assert.Equal(JsonValueKind.String, property.Value.ValueKind);
                    break;
                case "isBase64Encoded":
                    Assert.True(property.Value.ValueKind is JsonValueKind.True or JsonValueKind.False);
                    break;
            }
        }
        Assert.True(json.TryGetProperty("statusCode", out _));
        Assert.True(json.TryGetProperty("body", out _));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_response_is_json_with_the_cors_origin(string kind)
    {
        var headers = Serialized(Build(kind)).GetProperty("headers");

        Assert.Equal("application/json", headers.GetProperty("Content-Type").GetString());
        Assert.Equal(Origin, headers.GetProperty("Access-Control-Allow-Origin").GetString());
        Assert.Equal("Origin", headers.GetProperty("Vary").GetString());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_body_is_text_holding_json_and_not_base64(string kind)
    {
        var json = Serialized(Build(kind));

        Assert.False(json.GetProperty("isBase64Encoded").GetBoolean());
        using var body = JsonDocument.Parse(json.GetProperty("body").GetString()!);
        Assert.True(body.RootElement.ValueKind is JsonValueKind.Object or JsonValueKind.Array);
    }

    [Fact]
    public void Item_response_is_exactly_the_status_headers_and_item()
    {
        var json = Serialized(Responses.Item(201, Item));

        Assert.Equal(201, json.GetProperty("statusCode").GetInt32());
        Assert.Equal(
            """{"id":"7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11","text":"Buy milk","completed":false,"createdAt":"2026-11-25T10:00:00.000Z"}""",
            json.GetProperty("body").GetString());
        Assert.Equal(["statusCode", "headers", "body", "isBase64Encoded"], json.EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void Message_response_carries_the_message_and_field_errors()
    {
        var json = Serialized(Responses.Message(400, "Invalid request body", new Dictionary<string, string> { ["text"] = "must not be empty" }));

        Assert.Equal(400, json.GetProperty("statusCode").GetInt32());
        Assert.Equal("""{"message":"Invalid request body","errors":{"text":"must not be empty"}}""", json.GetProperty("body").GetString());
    }

    [Fact]
    public void Message_without_errors_leaves_errors_out()
    {
        var json = Serialized(Responses.Message(409, "A todo with this id already exists"));

        Assert.Equal("""{"message":"A todo with this id already exists"}""", json.GetProperty("body").GetString());
    }

    [Fact]
    public void Not_found_is_404_with_the_fixed_message()
    {
        var json = Serialized(Responses.NotFound());

        Assert.Equal(404, json.GetProperty("statusCode").GetInt32());
        Assert.Equal("""{"message":"Todo item not found"}""", json.GetProperty("body").GetString());
    }

    [Fact]
    public void Unicode_text_survives_the_body_string()
    {
        var item = Item with { Text = "牛乳 😀 \"quoted\" <tag> & é" };

        var body = Serialized(Responses.Item(200, item)).GetProperty("body").GetString()!;

        using var parsed = JsonDocument.Parse(body);
        Assert.Equal(item.Text, parsed.RootElement.GetProperty("text").GetString());
    }
}
