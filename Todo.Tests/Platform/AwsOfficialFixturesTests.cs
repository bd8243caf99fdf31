using System.Numerics;
using System.Text.Json;
using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.DynamoDBEvents;
using Todo.Tests.Support;

namespace Todo.Tests.Platform;

/// <summary>
/// AWS's own sample events (aws-lambda-dotnet's test fixtures and sam local generate-event's templates),
/// read by the product's contracts exactly as the Lambda runtime would hand them over: raw bytes, BOM and all.
/// </summary>
public class AwsOfficialFixturesTests
{
    private static readonly string[] ExpectedFiles =
    [
        "aws-lambda-dotnet.dynamodb-batchitemfailures-response.json",
        "aws-lambda-dotnet.dynamodb-event.json",
        "aws-lambda-dotnet.dynamodb-timewindow-event.json",
        "aws-lambda-dotnet.dynamodb-with-ms-event.json",
        "aws-lambda-dotnet.http-api-v2-request.json",
        "aws-lambda-dotnet.proxy-event.json",
        "aws-sam-cli.AwsProxy.json",
        "aws-sam-cli.DynamoDBUpdate.json",
        "aws-sam-cli.HttpApi.json",
    ];

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Repository.AwsOfficialEvents, "*.json").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    private static readonly DateTimeOffset ExampleTableTime = DateTimeOffset.FromUnixTimeSeconds(1480642020);

    [Fact]
    public void The_folder_holds_all_nine_fixtures()
    {
        var files = Directory.GetFiles(Repository.AwsOfficialEvents, "*.json").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(ExpectedFiles, files);
    }

    [Fact]
    public void The_dotnet_fixtures_start_with_a_byte_order_mark()
    {
        foreach (var file in ExpectedFiles.Where(f => f.StartsWith("aws-lambda-dotnet.", StringComparison.Ordinal)))
            Assert.Equal([0xEF, 0xBB, 0xBF], Bytes(file)[..3]);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_fixture_is_read_by_its_contract(string file)
    {
        var bytes = Bytes(file);
        switch (file)
        {
            case "aws-lambda-dotnet.dynamodb-event.json":
                CheckExampleTableEvent(file, Stream(bytes));
                break;
            case "aws-lambda-dotnet.dynamodb-with-ms-event.json":
                CheckExampleTableEvent(file, Stream(bytes));
                break;
            case "aws-lambda-dotnet.dynamodb-timewindow-event.json":
                CheckTimeWindowEvent(Stream(bytes));
                break;
            case "aws-sam-cli.DynamoDBUpdate.json":
                CheckSamDynamoDbUpdate(file, Stream(bytes));
                break;
            case "aws-lambda-dotnet.dynamodb-batchitemfailures-response.json":
                var response = LambdaPayload.Read(bytes, LambdaJsonContext.Default.StreamsEventResponse);
                Assert.Equal("1405400000000002063282832", Assert.Single(response.BatchItemFailures).ItemIdentifier);
                break;
            case "aws-lambda-dotnet.proxy-event.json":
                CheckDotnetProxyEvent(Request(bytes));
                break;
            case "aws-sam-cli.AwsProxy.json":
                CheckSamAwsProxy(Request(bytes));
                break;
            case "aws-lambda-dotnet.http-api-v2-request.json":
                CheckHttpApiV2(Request(bytes), header2: "value2", requestId: "request-id", accountId: "123456789012",
                    stage: "$default-stage", body: "Hello from Lambda");
                break;
            case "aws-sam-cli.HttpApi.json":
                CheckHttpApiV2(Request(bytes), header2: "value1,value2", requestId: "id", accountId: "{{{account_id}}}",
                    stage: "{{{stage}}}", body: "{{{body}}}");
                break;
            default:
                Assert.Fail($"{file} is a new fixture: say what it must read as.");
                break;
        }
    }

    // --- DynamoDB Streams ---

    private static void CheckExampleTableEvent(string file, DynamoDBEvent streamEvent)
    {
        Assert.Equal(2, streamEvent.Records.Count);
        var (insert, remove) = (streamEvent.Records[0], streamEvent.Records[1]);

        Assert.Equal("f07f8ca4b0b26cb9c4e5e77e69f274ee", insert.EventID);
        Assert.Equal("INSERT", insert.EventName);
        Assert.Equal("1.1", insert.EventVersion);
        Assert.Equal("aws:dynamodb", insert.EventSource);
        Assert.Equal("us-east-1", insert.AwsRegion);
        Assert.Equal("arn:aws:dynamodb:us-east-1:123456789012:table/Example-Table/stream/2016-12-01T00:00:00.000", insert.EventSourceArn);
        Assert.Null(insert.UserIdentity);
        var inserted = insert.Dynamodb!;
        // The ms file gives the first record's time in milliseconds: both read as the same instant.
        Assert.Equal(ExampleTableTime, inserted.ApproximateCreationDateTime);
        Assert.Equal("1405400000000002063282832", inserted.SequenceNumber);
        Assert.Equal(BigInteger.Parse("1405400000000002063282832"), inserted.SequenceNumberValue);
        Assert.Equal(54, inserted.SizeBytes);
        Assert.Equal("NEW_AND_OLD_IMAGES", inserted.StreamViewType);
        Assert.Equal("""{"key":{"S":"binary"},"val":{"S":"data"}}""", DynamoJson.Of(inserted.Keys));
        Assert.Null(inserted.OldImage);

        var image = inserted.NewImage!;
        Assert.Equal(["asdf1", "asdf2", "key", "misc1", "misc2", "val"], image.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("data", image["val"].S);
        Assert.Equal([0x00, 0x01, 0x2A, 0x41], image["asdf1"].B.ToArray());
        Assert.Equal([[0x00, 0x01, 0x2A, 0x41], [0x41, 0x2A, 0x01, 0x00]], image["asdf2"].BS.Select(b => b.ToArray()));
        Assert.Empty(image["misc1"].L);
        var misc = image["misc2"].M;
        Assert.Empty(misc["ItemsEmpty"].L);
        Assert.Equal(["Cookies", "Coffee"], misc["ItemsNonEmpty"].L.Take(2).Select(v => v.S));
        Assert.Equal("3.14159", misc["ItemsNonEmpty"].L[2].N);
        Assert.Equal(false, misc["ItemBoolean"].BOOL);
        Assert.Equal(["0", "50", "150"], misc["ItemNumberSet"].NS);
        Assert.Equal(true, misc["ItemNull"].NULL);
        Assert.Equal(["Hippo", "Zebra"], misc["ItemStringSet"].SS);
        // And nothing read differs from the file, nor holds a second value beside its own.
        Assert.Equal(RawImage(file, 0, "NewImage"), DynamoJson.Of(image));

        Assert.Equal("f07f8ca4b0b26cb9c4e5e77e42f274ee", remove.EventID);
        Assert.Equal("REMOVE", remove.EventName);
        Assert.Equal("Service", remove.UserIdentity?.Type);
        Assert.Equal("dynamodb.amazonaws.com", remove.UserIdentity?.PrincipalId);
        var removed = remove.Dynamodb!;
        Assert.Equal(ExampleTableTime, removed.ApproximateCreationDateTime);
        Assert.Equal("OLD_IMAGE", removed.StreamViewType);
        Assert.Null(removed.NewImage);
        Assert.Equal(3, removed.OldImage!["asdf2"].BS.Count);
        Assert.Equal(RawImage(file, 1, "OldImage"), DynamoJson.Of(removed.OldImage));
        Assert.Equal(RawImage(file, 1, "Keys"), DynamoJson.Of(removed.Keys));
    }

    private static void CheckTimeWindowEvent(DynamoDBEvent streamEvent)
    {
        // The tumbling-window fields beside Records (window, state, shardId, ...) are not ours to read, and must not break reading.
        Assert.Equal(["INSERT", "MODIFY", "REMOVE"], streamEvent.Records.Select(r => r.EventName));
        Assert.Equal(["1", "2", "3"], streamEvent.Records.Select(r => r.EventID));
        Assert.Equal(["111", "222", "333"], streamEvent.Records.Select(r => r.Dynamodb!.SequenceNumber));
        Assert.Equal([26L, 59L, 38L], streamEvent.Records.Select(r => r.Dynamodb!.SizeBytes));
        Assert.All(streamEvent.Records, r =>
        {
            Assert.Equal("1.0", r.EventVersion);
            Assert.Equal("stream-ARN", r.EventSourceArn);
            Assert.Null(r.Dynamodb!.ApproximateCreationDateTime);
            Assert.Equal("""{"Id":{"N":"101"}}""", DynamoJson.Of(r.Dynamodb.Keys));
        });
        var (insert, modify, remove) = (streamEvent.Records[0].Dynamodb!, streamEvent.Records[1].Dynamodb!, streamEvent.Records[2].Dynamodb!);
        Assert.Equal("""{"Id":{"N":"101"},"Message":{"S":"New item!"}}""", DynamoJson.Of(insert.NewImage));
        Assert.Null(insert.OldImage);
        Assert.Equal("""{"Id":{"N":"101"},"Message":{"S":"This item has changed"}}""", DynamoJson.Of(modify.NewImage));
        Assert.Equal("""{"Id":{"N":"101"},"Message":{"S":"New item!"}}""", DynamoJson.Of(modify.OldImage));
        Assert.Null(remove.NewImage);
        Assert.Equal("""{"Id":{"N":"101"},"Message":{"S":"This item has changed"}}""", DynamoJson.Of(remove.OldImage));
    }

    private static void CheckSamDynamoDbUpdate(string file, DynamoDBEvent streamEvent)
    {
        Assert.Equal(["INSERT", "MODIFY", "REMOVE"], streamEvent.Records.Select(r => r.EventName));
        Assert.Equal(
            ["4421584500000000017450439091", "4421584500000000017450439092", "4421584500000000017450439093"],
            streamEvent.Records.Select(r => r.Dynamodb!.SequenceNumber));
        // Sequence numbers exceed every machine integer: they order numerically.
        var numbers = streamEvent.Records.Select(r => r.Dynamodb!.SequenceNumberValue).ToList();
        Assert.Equal(numbers.Order(), numbers);
        Assert.True(numbers[0] > ulong.MaxValue);
        Assert.All(streamEvent.Records, r =>
        {
            Assert.Equal("{{{region}}}", r.AwsRegion);
            Assert.Equal("arn:{{{partition}}}:dynamodb:{{{region}}}:{{{account_id}}}:table/{{{table}}}/stream/2015-06-27T00:48:05.899", r.EventSourceArn);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1428537600), r.Dynamodb!.ApproximateCreationDateTime);
            Assert.Equal("NEW_AND_OLD_IMAGES", r.Dynamodb.StreamViewType);
            Assert.Null(r.UserIdentity);
        });
        for (var i = 0; i < 3; i++)
        {
            var record = streamEvent.Records[i].Dynamodb!;
            Assert.Equal(RawImage(file, i, "Keys"), DynamoJson.Of(record.Keys));
            Assert.Equal(RawImage(file, i, "NewImage"), DynamoJson.Of(record.NewImage));
            Assert.Equal(RawImage(file, i, "OldImage"), DynamoJson.Of(record.OldImage));
        }
        Assert.Equal("101", streamEvent.Records[1].Dynamodb!.NewImage!["Id"].N);
    }

    // --- API Gateway ---

    private static void CheckDotnetProxyEvent(APIGatewayProxyRequest request)
    {
        Assert.Equal("POST", request.HttpMethod);
        Assert.Equal("/hello/world", request.Path);
        Assert.Equal("/{proxy+}", request.Resource);
        Assert.Equal(19, request.Headers!.Count);
        Assert.Equal("application/json", request.Header("content-type"));
        Assert.Equal("application/json", request.Header("CONTENT-TYPE"));
        Assert.Equal("no-cache", request.Header("Cache-Control"));
        Assert.Equal("headerValue", request.Header("HEADERNAME"));
        Assert.Null(request.Header("x-not-sent"));
        Assert.Null(request.MultiValueHeaders);
        Assert.Equal(new Dictionary<string, string?> { ["name"] = "me" }, request.QueryStringParameters);
        Assert.Null(request.MultiValueQueryStringParameters);
        Assert.Equal(new Dictionary<string, string?> { ["proxy"] = "hello/world" }, request.PathParameters);
        Assert.Equal("hello/world", request.PathParameter("proxy"));
        Assert.Equal(new Dictionary<string, string?> { ["stageVariableName"] = "stageVariableValue" }, request.StageVariables);
        Assert.Equal("{\r\n\t\"a\": 1\r\n}", request.Body);
        Assert.False(request.IsBase64Encoded);

        var context = request.RequestContext!;
        Assert.Equal("deef4878-7910-11e6-8f14-25afc3e9ae33", context.RequestId);
        Assert.Equal("testStage", context.Stage);
        Assert.Equal("12345678912", context.AccountId);
        Assert.Equal("gy415nuibc", context.ApiId);
        Assert.Equal("roq9wj", context.ResourceId);
        Assert.Equal("/{proxy+}", context.ResourcePath);
        Assert.Equal("POST", context.HttpMethod);
        Assert.Equal("somerandomdomain.net", context.DomainName);
        Assert.Equal("20/Feb/2018:22:48:57 +0000", context.RequestTime);
        Assert.Equal(1519166937665, context.RequestTimeEpoch);
        Assert.Equal("192.168.196.186", context.Identity?.SourceIp);
        Assert.Equal("PostmanRuntime/2.4.5", context.Identity?.UserAgent);
    }

    private static void CheckSamAwsProxy(APIGatewayProxyRequest request)
    {
        Assert.Equal("{{{method}}}", request.HttpMethod);
        Assert.Equal("/{{{path}}}", request.Path);
        Assert.Equal("{{{resource}}}", request.Resource);
        Assert.Equal("Custom User Agent String", request.Header("user-agent"));
        Assert.Equal("max-age=0", request.Header("cache-control"));
        Assert.Equal(["0123456789.execute-api.{{{dns_suffix}}}"], request.MultiValueHeaders!["Host"]!);
        // The template leaves queryStringParameters as a placeholder string (rendered "" when not given):
        // that is no map of parameters, so there are none; the multi-value map is a real one.
        Assert.Null(request.QueryStringParameters);
        Assert.Equal(["bar"], request.MultiValueQueryStringParameters!["foo"]!);
        Assert.Equal(new Dictionary<string, string?> { ["proxy"] = "/{{{path}}}" }, request.PathParameters);
        Assert.Equal(new Dictionary<string, string?> { ["baz"] = "qux" }, request.StageVariables);
        Assert.Equal("{{{body}}}", request.Body);
        Assert.True(request.IsBase64Encoded);

        var context = request.RequestContext!;
        Assert.Equal("c6af9ac6-7b61-11e6-9a41-93e8deadbeef", context.RequestId);
        Assert.Equal("{{{stage}}}", context.Stage);
        Assert.Equal("{{{account_id}}}", context.AccountId);
        Assert.Equal("1234567890", context.ApiId);
        Assert.Equal("/{{{stage}}}/{{{path}}}", context.Path);
        Assert.Equal("HTTP/1.1", context.Protocol);
        Assert.Equal(1428582896000, context.RequestTimeEpoch);
        Assert.Equal("127.0.0.1", context.Identity?.SourceIp);
    }

    /// <summary>Payload 2.0 is not what our REST API sends, but a v2 event must still read: the fields both versions share come through.</summary>
    private static void CheckHttpApiV2(APIGatewayProxyRequest request, string header2, string requestId, string accountId, string stage, string body)
    {
        Assert.Null(request.HttpMethod); // v2 has requestContext.http.method instead
        Assert.Null(request.Resource);
        Assert.Null(request.Path);
        Assert.Null(request.MultiValueHeaders);
        Assert.Null(request.MultiValueQueryStringParameters);

        Assert.Equal("value1", request.Header("header1"));
        Assert.Equal(header2, request.Header("HEADER2"));
        Assert.Equal(
            new Dictionary<string, string?> { ["parameter1"] = "value1,value2", ["parameter2"] = "value" },
            request.QueryStringParameters);
        Assert.Equal(new Dictionary<string, string?> { ["parameter1"] = "value1" }, request.PathParameters);
        Assert.Equal(
            new Dictionary<string, string?> { ["stageVariable1"] = "value1", ["stageVariable2"] = "value2" },
            request.StageVariables);
        Assert.Equal(body, request.Body);
        Assert.True(request.IsBase64Encoded);

        var context = request.RequestContext!;
        Assert.Equal(requestId, context.RequestId);
        Assert.Equal(accountId, context.AccountId);
        Assert.Equal("api-id", context.ApiId);
        Assert.Equal(stage, context.Stage);
        Assert.Null(context.HttpMethod);
    }

    // --- reading ---

    private static byte[] Bytes(string file) => File.ReadAllBytes(Path.Combine(Repository.AwsOfficialEvents, file));

    private static DynamoDBEvent Stream(byte[] bytes) => LambdaPayload.Read(bytes, LambdaJsonContext.Default.DynamoDBEvent);

    private static APIGatewayProxyRequest Request(byte[] bytes) => LambdaPayload.Read(bytes, LambdaJsonContext.Default.APIGatewayProxyRequest);

    /// <summary>One image of one record as the file has it, canonical, read without the product's code ("null" when absent).</summary>
    private static string RawImage(string file, int record, string image)
    {
        var bytes = Bytes(file);
        var json = bytes.AsSpan().StartsWith((byte[])[0xEF, 0xBB, 0xBF]) ? bytes[3..] : bytes;
        using var document = JsonDocument.Parse(json);
        var dynamodb = document.RootElement.GetProperty("Records")[record].GetProperty("dynamodb");
        return dynamodb.TryGetProperty(image, out var value) ? DynamoJson.Canonical(value) : "null";
    }
}
