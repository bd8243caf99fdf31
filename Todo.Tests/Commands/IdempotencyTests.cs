using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Todo.Commands;
using Todo.Lambda.APIGatewayEvents;
using Todo.Tests.Support;

namespace Todo.Tests.Commands;

/// <summary>
/// Idempotency-Key through the functions: what makes two requests the same, the answers, the expiry setting.
/// How the handler replays, races and expires records is tested on the in-memory store in <see cref="HandlerIdempotencyTests"/>.
/// </summary>
[Slow]
public sealed class IdempotencyTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private readonly TodoApi api = new(fixture.Http);

    [Fact]
    public async Task A_repeated_create_replays_the_first_answer_and_appends_nothing()
    {
        var key = Guid.NewGuid().ToString();
        var first = await SendAsync(HttpMethod.Post, "/api/todos", """{"text":"Once only"}""", key);
        var before = await fixture.CountEventsAsync();

        // The same payload with other whitespace is the same request.
        var again = await SendAsync(HttpMethod.Post, "/api/todos", """{ "text" : "Once only" }""", key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Null(first.Header("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        Assert.Equal(first.Body.ToString(), again.Body.ToString());
        Assert.Equal(first.Header("ETag"), again.Header("ETag"));
        Assert.Equal(before, await fixture.CountEventsAsync());
    }

    [Fact]
    public async Task A_key_reused_for_another_payload_is_422_and_writes_nothing()
    {
        var key = Guid.NewGuid().ToString();
        await SendAsync(HttpMethod.Post, "/api/todos", """{"text":"First use"}""", key);
        var before = await fixture.CountEventsAsync();

        var reused = await SendAsync(HttpMethod.Post, "/api/todos", """{"text":"Second use"}""", key);

        Assert.Equal((HttpStatusCode)422, reused.Status);
        Assert.True(reused.Body.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(before, await fixture.CountEventsAsync());
    }

    [Fact]
    public async Task A_repeated_update_replays_whatever_the_bodys_whitespace_field_order_or_read_only_fields()
    {
        var id = (await api.CreateAsync("Same command")).Text("id");
        var key = Guid.NewGuid().ToString();
        var first = await SendAsync(HttpMethod.Put, $"/api/todos/{id}", """{"text":"Renamed","completed":true}""", key);
        var events = (await fixture.EventsOfAsync(Guid.Parse(id))).Events.Count;

        var again = new[]
        {
            """{ "completed" : true, "text" : "Renamed" }""",
            """{"text":"  Renamed  ","completed":true}""",
            $$"""{"id":"{{id}}","text":"Renamed","completed":true,"createdAt":"2020-01-01T00:00:00.000Z"}""",
        };
        foreach (var body in again)
        {
            var replayed = await SendAsync(HttpMethod.Put, $"/api/todos/{id}", body, key);
            Assert.Equal(HttpStatusCode.OK, replayed.Status);
            Assert.Equal("true", replayed.Header("Idempotent-Replayed"));
            Assert.Equal(first.Body.GetRawText(), replayed.Body.GetRawText());
        }
        Assert.Equal(events, (await fixture.EventsOfAsync(Guid.Parse(id))).Events.Count);
    }

    public static TheoryData<byte[]> BodiesThatAreNotJson => new()
    {
        Encoding.UTF8.GetBytes("{not json"),
        Encoding.UTF8.GetBytes("[1,2"),
        Encoding.UTF8.GetBytes("""{"text":"a","text":"b"}"""),
        // Not UTF-8, so API Gateway passes it base64-encoded.
        new byte[] { 0x7B, 0xFF, 0xFE, 0xC3, 0x28, 0x7D },
    };

    /// <summary>A DELETE's body is not read, as the original app ignores it: a body that is not JSON changes nothing, with a key or without.</summary>
    [Theory]
    [MemberData(nameof(BodiesThatAreNotJson))]
    public async Task A_delete_with_a_key_and_a_body_that_is_not_JSON_is_200_and_its_repeat_replays(byte[] body)
    {
        var id = (await api.CreateAsync("Deleted with a body")).Text("id");
        var key = Guid.NewGuid().ToString();

        var first = await SendBytesAsync(HttpMethod.Delete, $"/api/todos/{id}", body, key);
        var again = await SendBytesAsync(HttpMethod.Delete, $"/api/todos/{id}", body, key);
        var withoutBody = await SendBytesAsync(HttpMethod.Delete, $"/api/todos/{id}", null, key);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("""{"message":"Todo item deleted successfully"}""", first.Body.GetRawText());
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.OK, withoutBody.Status);
        Assert.Equal("true", withoutBody.Header("Idempotent-Replayed"));
        Assert.Equal(2, (await fixture.EventsOfAsync(Guid.Parse(id))).Events.Count);
    }

    [Fact]
    public async Task A_delete_with_a_key_and_a_base64_body_that_does_not_decode_is_200()
    {
        using var client = DirectInvocation.Client(fixture);
        var id = (await api.CreateAsync("Undecodable body")).Text("id");
        var request = DirectInvocation.Request("DELETE", $"/api/todos/{id}", headers: new() { ["Idempotency-Key"] = Guid.NewGuid().ToString() }, id: id);
        request.Body = "not base64!";
        request.IsBase64Encoded = true;

        var response = await DirectInvocation.InvokeAsync(DirectInvocation.Function(fixture, "delete-todo", client), request);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"message":"Todo item deleted successfully"}""", response.Body);
    }

    [Fact]
    public async Task Without_a_key_each_POST_creates_a_new_todo()
    {
        var first = await api.CreateAsync("Twice");
        var second = await api.CreateAsync("Twice");

        Assert.NotEqual(first.Text("id"), second.Text("id"));
    }

    public static TheoryData<string> MalformedKeys => ["", "has space", new string('k', 256)];

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public async Task A_malformed_key_is_400_and_writes_nothing(string key)
    {
        var before = await fixture.CountEventsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/todos") { Content = new StringContent("""{"text":"x"}""", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await ApiResponse.ReadAsync(await fixture.Http.SendAsync(request));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.True(response.Body.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(before, await fixture.CountEventsAsync());
    }

    [Fact]
    public async Task A_doubled_key_is_400()
    {
        using var client = DirectInvocation.Client(fixture);
        var request = DirectInvocation.Request("POST", "/api/todos", new { text = "x" });
        // Two header lines, as API Gateway passes them in the multi-value map.
        request.Headers!["Idempotency-Key"] = "b";
        request.MultiValueHeaders!["Idempotency-Key"] = ["a", "b"];

        var response = await DirectInvocation.InvokeAsync(DirectInvocation.Function(fixture, "create-todo", client), request);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("\"Idempotency-Key\":\"is given more than once\"", response.Body);
    }

    /// <summary>The record's own expiry is what counts (TTL may take days to remove it), read against the function's clock.</summary>
    [Fact]
    public async Task An_expired_record_no_longer_replays()
    {
        using var client = DirectInvocation.Client(fixture);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var create = DirectInvocation.Function(fixture, "create-todo", client, new Dictionary<string, string> { [CommandSettings.IdempotencyExpiryVariable] = "60" }, clock);
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        Task<APIGatewayProxyResponse> CreateAsync() => DirectInvocation.InvokeAsync(create, DirectInvocation.Request("POST", "/api/todos", new { text = "Short memory" }, headers));

        var first = await CreateAsync();
        clock.Advance(TimeSpan.FromSeconds(60));
        var atExpiry = await CreateAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterExpiry = await CreateAsync();

        // Valid through the whole second it expires in, as Powertools reads it.
        Assert.Equal(first.Body, atExpiry.Body);
        Assert.Equal("true", atExpiry.Headers!["Idempotent-Replayed"]);
        Assert.NotEqual(first.Body, afterExpiry.Body);
        Assert.False(afterExpiry.Headers!.ContainsKey("Idempotent-Replayed"));
    }

    private Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body, string key) =>
        SendBytesAsync(method, path, body is null ? null : Encoding.UTF8.GetBytes(body), key);

    private async Task<ApiResponse> SendBytesAsync(HttpMethod method, string path, byte[]? body, string key)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new("application/json");
        }
        request.Headers.Add("Idempotency-Key", key);
        return await ApiResponse.ReadAsync(await fixture.Http.SendAsync(request));
    }
}
