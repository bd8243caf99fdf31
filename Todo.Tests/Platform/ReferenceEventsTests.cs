using System.Text;
using System.Text.Json;
using Todo.Lambda;
using Todo.Lambda.DynamoDBEvents;
using Todo.Tests.Support;

namespace Todo.Tests.Platform;

/// <summary>The reference folder's own samples (shaped like the real payloads) read by the product's contracts.</summary>
public class ReferenceEventsTests
{
    private static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Repository.ReferenceEvents, file));

    private static T Read<T>(string file, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type) => LambdaPayload.Read(Bytes(file), type);

    private static string RawImage(int record, string image)
    {
        using var document = JsonDocument.Parse(Bytes("dynamodb-streams.batch.json"));
        var dynamodb = document.RootElement.GetProperty("Records")[record].GetProperty("dynamodb");
        return dynamodb.TryGetProperty(image, out var value) ? DynamoJson.Canonical(value) : "null";
    }

    [Fact]
    public void Stream_batch_reads_every_attribute_value_type()
    {
        var batch = Read("dynamodb-streams.batch.json", LambdaJsonContext.Default.DynamoDBEvent);

        Assert.Equal(["INSERT", "MODIFY", "REMOVE"], batch.Records.Select(r => r.EventName));
        var insert = batch.Records[0];
        Assert.Equal("5a1c2e3f4b5d6e7f8091a2b3c4d5e6f7", insert.EventID);
        Assert.Equal("eu-west-1", insert.AwsRegion);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1795701934), insert.Dynamodb!.ApproximateCreationDateTime);
        Assert.Equal(412, insert.Dynamodb.SizeBytes);

        var image = insert.Dynamodb.NewImage!;
        Assert.Equal("TodoCreated", image["eventType"].S);
        Assert.Equal("1", image["version"].N);
        Assert.Equal(Convert.FromBase64String("q83vEjRWeJA="), image["contentHash"].B.ToArray());
        Assert.Equal(["AAEqQQ==", "QSoBAA=="], image["attachmentIds"].BS.Select(b => Convert.ToBase64String(b.ToArray())));
        var payload = image["payload"].M;
        Assert.Equal("Buy milk", payload["title"].S);
        Assert.Equal(false, payload["completed"].BOOL);
        Assert.Equal("2", payload["priority"].N);
        Assert.Equal(["home", "work"], payload["tags"].SS);
        Assert.Equal(["5", "10.5"], payload["estimateMinutes"].NS);
        Assert.Equal(true, payload["notes"].NULL);
        Assert.Equal("""{"L":[{"S":"whole"},{"N":"2"},{"BOOL":true}]}""", DynamoJson.Of(payload["checklist"]));
        Assert.Equal(RawImage(0, "NewImage"), DynamoJson.Of(image));
        Assert.Equal(RawImage(0, "Keys"), DynamoJson.Of(insert.Dynamodb.Keys));
        Assert.Null(insert.Dynamodb.OldImage);
        Assert.Null(insert.UserIdentity);
    }

    [Fact]
    public void Stream_batch_modify_has_both_images()
    {
        var modify = Read("dynamodb-streams.batch.json", LambdaJsonContext.Default.DynamoDBEvent).Records[1];

        Assert.Equal("4421584600000000017450439123", modify.Dynamodb!.SequenceNumber);
        Assert.Equal(RawImage(1, "NewImage"), DynamoJson.Of(modify.Dynamodb.NewImage));
        Assert.Equal(RawImage(1, "OldImage"), DynamoJson.Of(modify.Dynamodb.OldImage));
        Assert.Equal("2", modify.Dynamodb.NewImage!["version"].N);
        Assert.Equal("1", modify.Dynamodb.OldImage!["version"].N);
    }

    [Fact]
    public void Stream_batch_ttl_remove_is_by_the_dynamodb_service()
    {
        var batch = Read("dynamodb-streams.batch.json", LambdaJsonContext.Default.DynamoDBEvent);
        var remove = batch.Records[2];

        Assert.Equal("REMOVE", remove.EventName);
        Assert.Equal("Service", remove.UserIdentity!.Type);
        Assert.Equal("dynamodb.amazonaws.com", remove.UserIdentity.PrincipalId);
        Assert.Null(remove.Dynamodb!.NewImage);
        Assert.Equal(RawImage(2, "OldImage"), DynamoJson.Of(remove.Dynamodb.OldImage));
        Assert.All(batch.Records.Take(2), r => Assert.Null(r.UserIdentity));
        // Sequence numbers increase along the batch, compared as numbers.
        var numbers = batch.Records.Select(r => r.Dynamodb!.SequenceNumberValue).ToList();
        Assert.Equal(numbers.Order(), numbers);
    }

    [Fact]
    public void Rest_v1_post_keeps_the_last_value_of_a_repeated_query_key_and_all_values_in_the_multi_map()
    {
        var request = Read("apigw-rest-v1-post-todos.request.json", LambdaJsonContext.Default.APIGatewayProxyRequest);

        Assert.Equal("POST", request.HttpMethod);
        Assert.Equal("/todos", request.Path);
        Assert.Equal("/todos", request.Resource);
        Assert.Equal("home", request.QueryStringParameters!["tag"]);
        Assert.Equal(["work", "home"], request.MultiValueQueryStringParameters!["tag"]!);
        Assert.Equal("application/json", request.Header("content-type"));
        Assert.Equal("3e0c6f1a-8d2b-4f5e-b7a9-1c2d3e4f5a6b", request.Header("idempotency-key"));
        Assert.Equal(["application/json"], request.MultiValueHeaders!["Content-Type"]!);
        Assert.Null(request.PathParameters);
        Assert.Null(request.StageVariables);
        Assert.Equal("""{"title":"Buy milk","dueDate":"2026-11-30"}""", request.Body);
        Assert.False(request.IsBase64Encoded);
        Assert.Equal("0f9e8d7c-6b5a-4493-8271-605f4e3d2c1b", request.RequestContext!.RequestId);
        Assert.Equal("Prod", request.RequestContext.Stage);
        Assert.Equal("/Prod/todos", request.RequestContext.Path);
        Assert.Equal(1795701933456, request.RequestContext.RequestTimeEpoch);
        Assert.Equal("203.0.113.10", request.RequestContext.Identity!.SourceIp);
    }

    [Fact]
    public void Rest_v1_get_reads_nulls_as_absent_maps()
    {
        var request = Read("apigw-rest-v1-get-todo.request.json", LambdaJsonContext.Default.APIGatewayProxyRequest);

        Assert.Equal("GET", request.HttpMethod);
        Assert.Equal("/todos/{todoId}", request.Resource);
        Assert.Equal("7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11", request.PathParameter("todoId"));
        Assert.Null(request.PathParameter("id"));
        Assert.Null(request.QueryStringParameters);
        Assert.Null(request.MultiValueQueryStringParameters);
        Assert.Null(request.StageVariables);
        Assert.Null(request.Body);
        Assert.Null(request.Header("content-type"));
        Assert.Equal("curl/8.5.0", request.Header("user-agent"));
        Assert.Equal("c1d2e3f4-5a6b-4c7d-8e9f-0a1b2c3d4e5f", request.RequestContext!.RequestId);
        Assert.Equal("a1b2c3d4e5", request.RequestContext.ApiId);
    }

    [Fact]
    public void Rest_v1_response_is_read_by_the_response_contract()
    {
        var response = Read("apigw-rest-v1.response.json", LambdaJsonContext.Default.APIGatewayProxyResponse);

        Assert.Equal(201, response.StatusCode);
        Assert.Equal("application/json", response.Headers!["Content-Type"]);
        Assert.Equal("/todos/7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11", response.Headers["Location"]);
        Assert.Equal(["a=1; Path=/; Secure", "b=2; Path=/; Secure"], response.MultiValueHeaders!["Set-Cookie"]);
        Assert.Equal("""{"id":"7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11","version":1}""", response.Body);
        Assert.False(response.IsBase64Encoded);
    }

    [Fact]
    public void Rest_v1_response_written_back_is_the_same_json()
    {
        var bytes = Bytes("apigw-rest-v1.response.json");
        var response = LambdaPayload.Read(bytes, LambdaJsonContext.Default.APIGatewayProxyResponse);

        var written = LambdaPayload.Write(response, LambdaJsonContext.Default.APIGatewayProxyResponse);

        Assert.Equal(DynamoJson.Canonical(Encoding.UTF8.GetString(bytes)), DynamoJson.Canonical(Encoding.UTF8.GetString(written)));
    }

    [Fact]
    public void Partial_batch_response_names_the_failed_sequence_number()
    {
        var response = Read("dynamodb-streams.partial-batch.response.json", LambdaJsonContext.Default.StreamsEventResponse);

        Assert.Equal("4421584600000000017450439123", Assert.Single(response.BatchItemFailures).ItemIdentifier);
    }

    [Fact]
    public void All_ok_response_has_no_failures()
    {
        var response = Read("dynamodb-streams.all-ok.response.json", LambdaJsonContext.Default.StreamsEventResponse);

        Assert.Empty(response.BatchItemFailures);
    }

    [Theory]
    [InlineData("dynamodb-streams.partial-batch.response.json")]
    [InlineData("dynamodb-streams.all-ok.response.json")]
    public void Stream_responses_written_by_the_product_match_the_samples(string file)
    {
        var response = Read(file, LambdaJsonContext.Default.StreamsEventResponse);

        var written = Encoding.UTF8.GetString(LambdaPayload.Write(response, LambdaJsonContext.Default.StreamsEventResponse));

        Assert.Equal(DynamoJson.Canonical(Encoding.UTF8.GetString(Bytes(file))), DynamoJson.Canonical(written));
    }

    [Fact]
    public void An_empty_response_writes_an_empty_failure_list()
    {
        var written = Encoding.UTF8.GetString(LambdaPayload.Write(new StreamsEventResponse(), LambdaJsonContext.Default.StreamsEventResponse));

        Assert.Equal("""{"batchItemFailures":[]}""", written);
    }

    [Fact]
    public void A_null_payload_is_rejected()
    {
        Assert.Throws<JsonException>(() => LambdaPayload.Read("null"u8.ToArray(), LambdaJsonContext.Default.APIGatewayProxyRequest));
    }
}
