using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Todo.Lambda;
using Todo.Lambda.DynamoDBEvents;
using Todo.Tests.Support;

namespace Todo.Tests.Platform;

/// <summary>DynamoDB's AttributeValue JSON, written and read back by <see cref="AttributeValueConverter"/> through LambdaJsonContext.</summary>
public class AttributeValueConverterTests
{
    private static byte[] Write(DynamoDBEvent streamEvent) => LambdaPayload.Write(streamEvent, LambdaJsonContext.Default.DynamoDBEvent);

    private static DynamoDBEvent Read(byte[] json) => LambdaPayload.Read(json, LambdaJsonContext.Default.DynamoDBEvent);

    private static DynamoDBEvent Read(string json) => Read(Encoding.UTF8.GetBytes(json));

    private static DynamoDBEvent EventWith(Dictionary<string, AttributeValue> image) => new()
    {
        Records =
        [
            new DynamoDBEvent.DynamodbStreamRecord
            {
                EventID = "1",
                EventName = "INSERT",
                Dynamodb = new DynamoDBEvent.StreamRecord
                {
                    ApproximateCreationDateTime = DateTimeOffset.FromUnixTimeSeconds(1795701934),
                    Keys = new() { ["todoId"] = new AttributeValue { S = "7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11" } },
                    NewImage = image,
                    SequenceNumber = "4421584500000000017450439091",
                    SizeBytes = 100,
                    StreamViewType = "NEW_IMAGE",
                },
            },
        ],
    };

    private static MemoryStream Bytes(params byte[] bytes) => new(bytes);

    /// <summary>One of each type, with the edge values each type allows.</summary>
    public static TheoryData<string, string> EveryType => new()
    {
        { "S", """{"S":"Buy milk"}""" },
        { "S-empty", """{"S":""}""" },
        { "S-unicode", """{"S":"牛乳 😀 e\u0301 \"quoted\" \\ \n"}""" },
        { "N", """{"N":"10.5"}""" },
        { "N-big", """{"N":"-1.2345678901234567890123456789012345678E+125"}""" },
        { "B", """{"B":"AAEqQQ=="}""" },
        { "B-empty", """{"B":""}""" },
        { "BOOL-true", """{"BOOL":true}""" },
        { "BOOL-false", """{"BOOL":false}""" },
        { "NULL", """{"NULL":true}""" },
        { "M", """{"M":{"a":{"S":"x"},"b":{"N":"1"}}}""" },
        { "M-empty", """{"M":{}}""" },
        { "M-nested", """{"M":{"inner":{"M":{"deep":{"L":[{"M":{"x":{"BOOL":true}}}]}}}}}""" },
        { "L", """{"L":[{"S":"Cookies"},{"N":"3.14159"},{"BOOL":false},{"NULL":true},{"B":"QSoBAA=="}]}""" },
        { "L-empty", """{"L":[]}""" },
        { "L-nested", """{"L":[{"L":[]},{"L":[{"SS":["a"]}]},{"M":{}}]}""" },
        { "SS", """{"SS":["Hippo","Zebra"]}""" },
        { "NS", """{"NS":["0","50","150","-0.5"]}""" },
        { "BS", """{"BS":["AAEqQQ==","QSoBAA=="]}""" },
    };

    [Theory]
    [MemberData(nameof(EveryType))]
    public void Every_type_reads_writes_and_reads_back_equal(string name, string attributeJson)
    {
        var json = """{"Records":[{"eventName":"INSERT","dynamodb":{"NewImage":{""" + $"\"{name}\":{attributeJson}" + """},"SequenceNumber":"1"}}]}""";

        var first = Read(json);
        var written = Write(first);
        var second = Read(written);

        var expected = DynamoJson.Canonical(attributeJson);
        Assert.Equal(expected, DynamoJson.Of(first.Records[0].Dynamodb!.NewImage![name]));
        Assert.Equal(expected, DynamoJson.Of(second.Records[0].Dynamodb!.NewImage![name]));
        using var document = JsonDocument.Parse(written);
        var writtenValue = document.RootElement.GetProperty("Records")[0].GetProperty("dynamodb").GetProperty("NewImage").GetProperty(name);
        Assert.Equal(expected, DynamoJson.Canonical(writtenValue));
    }

    [Fact]
    public void An_event_built_in_code_writes_the_wire_format_and_reads_back_equal()
    {
        var image = new Dictionary<string, AttributeValue>
        {
            ["s"] = new() { S = "text" },
            ["n"] = new() { N = "42" },
            ["b"] = new() { B = Bytes(0x00, 0x01, 0x2A, 0x41) },
            ["bool"] = new() { BOOL = true },
            ["null"] = new() { NULL = true },
            ["m"] = new() { M = new() { ["k"] = new() { S = "v" }, ["empty"] = new() { M = [] } } },
            ["l"] = new() { L = [new() { N = "1" }, new() { L = [] }, new() { BOOL = false }] },
            ["ss"] = new() { SS = ["a", "b"] },
            ["ns"] = new() { NS = ["1", "2.5"] },
            ["bs"] = new() { BS = [Bytes(0x41, 0x2A, 0x01, 0x00), Bytes()] },
        };
        var streamEvent = EventWith(image);

        var written = Write(streamEvent);
        var back = Read(written);

        const string expectedImage = """
            {"b":{"B":"AAEqQQ=="},"bool":{"BOOL":true},"bs":{"BS":["QSoBAA==",""]},"l":{"L":[{"N":"1"},{"L":[]},{"BOOL":false}]},
             "m":{"M":{"empty":{"M":{}},"k":{"S":"v"}}},"n":{"N":"42"},"ns":{"NS":["1","2.5"]},"null":{"NULL":true},"s":{"S":"text"},"ss":{"SS":["a","b"]}}
            """;
        Assert.Equal(DynamoJson.Canonical(expectedImage), DynamoJson.Of(image));
        Assert.Equal(DynamoJson.Of(image), DynamoJson.Of(back.Records[0].Dynamodb!.NewImage));
        Assert.Equal(DynamoJson.Of(streamEvent.Records[0].Dynamodb!.Keys), DynamoJson.Of(back.Records[0].Dynamodb!.Keys));

        using var document = JsonDocument.Parse(written);
        var dynamodb = document.RootElement.GetProperty("Records")[0].GetProperty("dynamodb");
        Assert.Equal(DynamoJson.Canonical(expectedImage), DynamoJson.Canonical(dynamodb.GetProperty("NewImage")));
        // Field names on the wire are PascalCase inside "dynamodb", and the time is epoch seconds.
        Assert.Equal(1795701934, dynamodb.GetProperty("ApproximateCreationDateTime").GetInt64());
        Assert.Equal("4421584500000000017450439091", dynamodb.GetProperty("SequenceNumber").GetString());
        Assert.Equal("NEW_IMAGE", dynamodb.GetProperty("StreamViewType").GetString());
        Assert.False(dynamodb.TryGetProperty("OldImage", out _)); // null fields are left out
    }

    public static TheoryData<string> StreamFixtures => new()
    {
        Path.Combine("aws", "aws-lambda-dotnet.dynamodb-event.json"),
        Path.Combine("aws", "aws-lambda-dotnet.dynamodb-with-ms-event.json"),
        Path.Combine("aws", "aws-lambda-dotnet.dynamodb-timewindow-event.json"),
        Path.Combine("aws", "aws-sam-cli.DynamoDBUpdate.json"),
        Path.Combine("samples", "dynamodb-streams.batch.json"),
    };

    [Theory]
    [MemberData(nameof(StreamFixtures))]
    public void Fixture_events_survive_a_write_and_read(string file)
    {
        var original = Read(File.ReadAllBytes(Path.Combine(Repository.Fixtures, file)));

        var back = Read(Write(original));

        Assert.Equal(original.Records.Count, back.Records.Count);
        foreach (var (before, after) in original.Records.Zip(back.Records))
        {
            Assert.Equal(before.EventID, after.EventID);
            Assert.Equal(before.EventName, after.EventName);
            Assert.Equal(before.EventVersion, after.EventVersion);
            Assert.Equal(before.EventSource, after.EventSource);
            Assert.Equal(before.AwsRegion, after.AwsRegion);
            Assert.Equal(before.EventSourceArn, after.EventSourceArn);
            Assert.Equal(before.UserIdentity?.Type, after.UserIdentity?.Type);
            Assert.Equal(before.UserIdentity?.PrincipalId, after.UserIdentity?.PrincipalId);
            Assert.Equal(before.Dynamodb!.ApproximateCreationDateTime, after.Dynamodb!.ApproximateCreationDateTime);
            Assert.Equal(before.Dynamodb.SequenceNumber, after.Dynamodb.SequenceNumber);
            Assert.Equal(before.Dynamodb.SizeBytes, after.Dynamodb.SizeBytes);
            Assert.Equal(before.Dynamodb.StreamViewType, after.Dynamodb.StreamViewType);
            Assert.Equal(DynamoJson.Of(before.Dynamodb.Keys), DynamoJson.Of(after.Dynamodb.Keys));
            Assert.Equal(DynamoJson.Of(before.Dynamodb.NewImage), DynamoJson.Of(after.Dynamodb.NewImage));
            Assert.Equal(DynamoJson.Of(before.Dynamodb.OldImage), DynamoJson.Of(after.Dynamodb.OldImage));
        }
    }

    [Fact]
    public void Milliseconds_are_read_as_the_same_instant_and_written_as_seconds()
    {
        var file = Path.Combine(Repository.AwsOfficialEvents, "aws-lambda-dotnet.dynamodb-with-ms-event.json");

        using var written = JsonDocument.Parse(Write(Read(File.ReadAllBytes(file))));

        Assert.All(written.RootElement.GetProperty("Records").EnumerateArray(), record =>
            Assert.Equal(1480642020, record.GetProperty("dynamodb").GetProperty("ApproximateCreationDateTime").GetInt64()));
    }

    [Theory]
    [InlineData("""{"X":"1"}""")]
    [InlineData("""{}""")]
    [InlineData("""{"S":"a","N":"1"}""")]
    [InlineData("""{"S":1}""")]
    [InlineData("""{"BOOL":"true"}""")]
    [InlineData("""{"NULL":"yes"}""")]
    [InlineData("""{"SS":"a"}""")]
    [InlineData("""{"SS":[null]}""")]
    [InlineData("""{"SS":[1]}""")]
    [InlineData("""{"M":[]}""")]
    [InlineData("""{"L":{}}""")]
    [InlineData("""{"B":"not base64!"}""")]
    [InlineData("""{"BS":["not base64!"]}""")]
    [InlineData("""["S","x"]""")]
    [InlineData("\"x\"")]
    public void Malformed_attribute_values_are_json_errors(string attributeJson)
    {
        var json = """{"Records":[{"dynamodb":{"NewImage":{"a":""" + attributeJson + "}}}]}";

        Assert.Throws<JsonException>(() => Read(json));
    }

    [Fact]
    public void An_attribute_value_without_a_value_cannot_be_written()
    {
        var streamEvent = EventWith(new Dictionary<string, AttributeValue> { ["empty"] = new() });

        Assert.Throws<JsonException>(() => Write(streamEvent));
    }
}
