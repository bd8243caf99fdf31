using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Todo.Lambda.Observability;
using Todo.Lambda.Observability.Logging;
using Todo.Lambda.Observability.Tracing;
using Todo.Stubs;
using static Todo.Tests.Observability.TelemetryProbe;

namespace Todo.Tests.Observability;

/// <summary>
/// What a traced invocation sends the X-Ray daemon: datagrams in its protocol, one subsegment document each,
/// with X-Ray's required fields, unique ids, children inside their parents, never over 64 KB, nothing when
/// the trace is not sampled; the AWS SDK's calls as <c>aws</c> subsegments. The same writer writes the
/// segments the local host records for the services it plays.
/// </summary>
public sealed partial class XRaySegmentTests : IDisposable
{
    private readonly DaemonListener daemon = new();

    public void Dispose() => daemon.Dispose();

    private FunctionTelemetry Telemetry() =>
        Create(LogOutput.None, (ObservabilityVariables.XRayDaemonAddress, daemon.Address), (ObservabilityVariables.ServiceName, "todo"));

    /// <summary>A handler span with two children, the first with a child of its own: four documents.</summary>
    private static async Task<int> NestedWork(InvocationScope scope)
    {
        using (Tracer.Source.StartActivity("child a"))
        {
            await Task.Delay(3);
            using (Tracer.Source.StartActivity("grandchild"))
                await Task.Delay(2);
        }
        using (Tracer.Source.StartActivity("child b"))
            await Task.Delay(2);
        return 0;
    }

    [GeneratedRegex("^[0-9a-f]{16}$")]
    private static partial Regex SegmentId();

    [GeneratedRegex("^1-[0-9a-f]{8}-[0-9a-f]{24}$")]
    private static partial Regex TraceId();

    [Fact]
    public async Task Each_datagram_is_the_daemon_header_a_newline_and_one_document()
    {
        await Telemetry().InvokeAsync(Context(), NestedWork);

        var datagrams = await daemon.ReceiveAsync(4);
        Assert.All(datagrams, datagram =>
        {
            var text = Encoding.UTF8.GetString(datagram);
            Assert.StartsWith("{\"format\": \"json\", \"version\": 1}\n", text, StringComparison.Ordinal);
            var reader = new Utf8JsonReader(datagram.AsSpan(text.IndexOf('\n') + 1));
            Assert.True(JsonDocument.TryParseValue(ref reader, out var document));
            Assert.Equal(JsonValueKind.Object, document!.RootElement.ValueKind);
            Assert.Equal(datagram.Length - text.IndexOf('\n') - 1, (int)reader.BytesConsumed);
        });
    }

    [Fact]
    public async Task Every_document_has_X_Rays_required_fields_in_their_formats()
    {
        await Telemetry().InvokeAsync(Context(), NestedWork);

        var documents = (await daemon.ReceiveAsync(4)).Select(DaemonListener.Document).ToList();
        Assert.All(documents, d =>
        {
            Assert.InRange(d.GetProperty("name").GetString()!.Length, 1, XRayDocument.MaxNameLength);
            Assert.Matches(SegmentId(), d.GetProperty("id").GetString());
            Assert.Matches(TraceId(), d.GetProperty("trace_id").GetString());
            Assert.Equal(Root, d.GetProperty("trace_id").GetString());
            Assert.Matches(SegmentId(), d.GetProperty("parent_id").GetString());
            Assert.Equal("subsegment", d.GetProperty("type").GetString());
            var start = d.GetProperty("start_time").GetDouble();
            Assert.InRange(start, DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds(), DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeSeconds());
            Assert.True(d.GetProperty("end_time").GetDouble() >= start);
        });
        var handler = Assert.Single(documents, d => d.GetProperty("name").GetString() == "## probe");
        Assert.Equal(FunctionSegment, handler.GetProperty("parent_id").GetString());
        Assert.True(handler.GetProperty("annotations").GetProperty("ColdStart").GetBoolean());
        Assert.Equal("todo", handler.GetProperty("annotations").GetProperty("Service").GetString());
    }

    [Fact]
    public async Task Ids_are_unique_and_every_child_lies_within_its_parents_time()
    {
        var telemetry = Telemetry();

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => telemetry.InvokeAsync(Context(), NestedWork))));

        var documents = (await daemon.ReceiveAsync(80)).Select(DaemonListener.Document).ToList();
        var byId = documents.ToDictionary(d => d.GetProperty("id").GetString()!);
        Assert.Equal(80, byId.Count);
        foreach (var child in documents.Where(d => d.GetProperty("parent_id").GetString() != FunctionSegment))
        {
            var parent = byId[child.GetProperty("parent_id").GetString()!];
            Assert.True(parent.GetProperty("start_time").GetDouble() <= child.GetProperty("start_time").GetDouble());
            Assert.True(child.GetProperty("end_time").GetDouble() <= parent.GetProperty("end_time").GetDouble());
        }
        Assert.Equal(20, documents.Count(d => d.GetProperty("parent_id").GetString() == FunctionSegment));
    }

    [Theory]
    [InlineData($"Root={Root};Parent={FunctionSegment};Sampled=0")]
    [InlineData($"Root={Root};Parent={FunctionSegment}")]
    [InlineData(null)]
    public async Task Nothing_is_sent_when_the_trace_is_not_sampled(string? header)
    {
        await Telemetry().InvokeAsync(Context(header), NestedWork);

        Assert.Empty(await daemon.DrainAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task A_document_never_exceeds_64_KB_and_keeps_its_identity_and_times()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() => Telemetry().InvokeAsync<int>(Context(), scope =>
        {
            for (var i = 0; i < 100; i++)
                scope.AppendKey($"note_{i}", new string('x', 5000));
            throw new InvalidOperationException(new string('m', 100_000));
        }));

        var datagram = Assert.Single(await daemon.ReceiveAsync(1));
        Assert.InRange(datagram.Length, 1, XRayDocument.MaxDatagramBytes);
        var document = DaemonListener.Document(datagram);
        Assert.Equal("## probe", document.GetProperty("name").GetString());
        Assert.True(document.GetProperty("fault").GetBoolean());
        Assert.True(document.TryGetProperty("end_time", out _));
    }

    [Fact]
    public void The_trace_header_keeps_Lineage_and_any_other_field_as_it_came()
    {
        var header = TraceHeader.Parse($"Root={Root};Parent={FunctionSegment};Sampled=1;Lineage=1:3f9a2b1c:0;Future=x")!;

        using var span = new Activity("span").SetParentId(header.TraceId, ActivitySpanId.CreateFromString(FunctionSegment), ActivityTraceFlags.Recorded).Start();
        var under = TraceHeader.Parse(Tracer.HeaderUnder(span, header))!;

        Assert.Equal($"Root={Root};Parent={FunctionSegment};Sampled=1;Lineage=1:3f9a2b1c:0;Future=x", header.ToString());
        Assert.Equal(Root, under.Root);
        Assert.Equal(span.SpanId.ToHexString(), under.Parent);
        Assert.Equal(["Lineage=1:3f9a2b1c:0", "Future=x"], under.Passed);
        Assert.Null(TraceHeader.Parse("Root=1-nothex;Parent=x"));
        Assert.Null(TraceHeader.Parse($"Root={Root};Parent=short")!.Parent);
    }

    [Fact]
    public async Task A_DynamoDB_call_is_an_aws_subsegment_with_operation_table_region_and_status()
    {
        DynamoDbTracing.Register();
        await using var stub = await DynamoDbStub.StartAsync();
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials("x", "x"),
            new AmazonDynamoDBConfig { ServiceURL = stub.Url, AuthenticationRegion = "eu-west-1" });

        await Telemetry().InvokeAsync(Context(), async _ =>
            await client.GetItemAsync(new GetItemRequest { TableName = "todo-todos", Key = new() { ["id"] = new AttributeValue { S = "1" } } }));

        var documents = (await daemon.ReceiveAsync(2)).Select(DaemonListener.Document).ToList();
        var call = Assert.Single(documents, d => d.GetProperty("name").GetString() == DynamoDbTracing.SpanName);
        var handler = Assert.Single(documents, d => d.GetProperty("name").GetString() == "## probe");
        Assert.Equal("aws", call.GetProperty("namespace").GetString());
        Assert.Equal(handler.GetProperty("id").GetString(), call.GetProperty("parent_id").GetString());
        var aws = call.GetProperty("aws");
        Assert.Equal("GetItem", aws.GetProperty("operation").GetString());
        Assert.Equal("todo-todos", aws.GetProperty("table_name").GetString());
        Assert.Equal("eu-west-1", aws.GetProperty("region").GetString());
        Assert.Equal(0, aws.GetProperty("retries").GetInt32());
        Assert.Equal(200, call.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        Assert.False(call.TryGetProperty("error", out _));
    }

    [Fact]
    public void The_writer_writes_the_daemons_reference_datagram_of_a_DynamoDB_call()
    {
        // The reference datagram, less http.response.content_length, which the spans do not record.
        var reference = JsonNode.Parse("""
            {"name":"DynamoDB","id":"a1b2c3d4e5f60718","trace_id":"1-6b083cad-9a8b7c6d5e4f3a2b1c0d9e8f","parent_id":"5e1b4151ad3f5c3d","type":"subsegment","namespace":"aws","start_time":1795701933.901234,"end_time":1795701933.918765,"http":{"response":{"status":200}},"aws":{"operation":"PutItem","region":"eu-west-1","table_name":"TodoEvents","request_id":"UBQNSO5AEM8T4FDA4RQDEB94OVTDRVV4K4HIRGVJF66Q9ASUAAJG","retries":0}}
            """);
        var call = new XRaySegment("DynamoDB", "a1b2c3d4e5f60718", DateTimeOffset.UnixEpoch.AddTicks(17_957_019_339_012_340), DateTimeOffset.UnixEpoch.AddTicks(17_957_019_339_187_650))
        {
            TraceId = "1-6b083cad-9a8b7c6d5e4f3a2b1c0d9e8f",
            ParentId = "5e1b4151ad3f5c3d",
            IsSubsegment = true,
            Namespace = "aws",
            Http = new XRayHttp { Status = 200 },
            Aws = [new("operation", "PutItem"), new("region", "eu-west-1"), new("table_name", "TodoEvents"), new("request_id", "UBQNSO5AEM8T4FDA4RQDEB94OVTDRVV4K4HIRGVJF66Q9ASUAAJG"), new("retries", 0)],
        };

        var datagram = XRayDocument.Datagram(call);

        Assert.Equal("{\"format\": \"json\", \"version\": 1}\n", Encoding.UTF8.GetString(datagram[..XRayDocument.DaemonHeader.Length]));
        var written = JsonNode.Parse(datagram.AsSpan(XRayDocument.DaemonHeader.Length));
        Assert.True(JsonNode.DeepEquals(reference, written), written!.ToJsonString());
    }

    [Fact]
    public void A_stage_segment_has_its_request_the_flags_of_its_status_and_its_invocation_inside_without_a_trace_id()
    {
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_795_701_933_899);
        var stage = new XRaySegment("todo-local-api/Prod", "5e1b4151ad3f5c3d", start, start.AddMilliseconds(30))
        {
            TraceId = Root,
            Origin = "AWS::ApiGateway::Stage",
            Http = new XRayHttp { Method = "POST", Url = "http://127.0.0.1:3000/api/todos" },
            Subsegments = [new XRaySegment("Lambda", "0f1e2d3c4b5a6978", start.AddMilliseconds(1), start.AddMilliseconds(29)) { Namespace = "aws", Aws = [new("operation", "Invoke")] }],
        }.Answered(429);

        var document = JsonDocument.Parse(XRayDocument.Write(stage)).RootElement;

        Assert.Equal(1795701933.899, document.GetProperty("start_time").GetDouble());
        Assert.Equal("AWS::ApiGateway::Stage", document.GetProperty("origin").GetString());
        Assert.False(document.TryGetProperty("type", out _));
        Assert.True(document.GetProperty("error").GetBoolean());
        Assert.True(document.GetProperty("throttle").GetBoolean());
        Assert.False(document.TryGetProperty("fault", out _));
        Assert.Equal(429, document.GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal("POST", document.GetProperty("http").GetProperty("request").GetProperty("method").GetString());
        var invocation = Assert.Single(document.GetProperty("subsegments").EnumerateArray().ToList());
        Assert.False(invocation.TryGetProperty("trace_id", out _));
        Assert.Equal("Invoke", invocation.GetProperty("aws").GetProperty("operation").GetString());
        Assert.Equal(1795701933.928, invocation.GetProperty("end_time").GetDouble());
    }
}
