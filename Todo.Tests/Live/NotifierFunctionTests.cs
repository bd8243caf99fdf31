using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Todo.Lambda;
using Todo.Lambda.DynamoDBEvents;
using Todo.Lambda.Observability;
using Todo.Live.ApiGatewayManagementApi;
using Todo.Live.Connections;
using Todo.Projections;
using Todo.Store.ReadTable;
using Todo.Tests.Observability;
using static Todo.Tests.Live.LiveRecords;

namespace Todo.Tests.Live;

/// <summary>
/// The notifier on stream batches, with the connections in a stand-in DynamoDB and a stand-in management API, both on
/// 127.0.0.1: who is sent what in which order, a gone connection forgotten, and a slow, failing or unreachable
/// endpoint or table never failing the batch.
/// </summary>
public sealed class NotifierFunctionTests : IAsyncLifetime
{
    private static readonly HttpClient Http = new();
    private static readonly TimeSpan TestPostTimeout = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan TestBatchTimeout = TimeSpan.FromSeconds(2);
    private readonly CapturedOutput output = new();
    private ConnectionsDynamoDb engine = null!;
    private ManagementEndpoint endpoint = null!;
    private AmazonDynamoDBClient dynamoDb = null!;

    public async Task InitializeAsync()
    {
        engine = await ConnectionsDynamoDb.StartAsync();
        endpoint = await ManagementEndpoint.StartAsync();
        dynamoDb = engine.Client();
    }

    public async Task DisposeAsync()
    {
        dynamoDb.Dispose();
        await endpoint.DisposeAsync();
        await engine.DisposeAsync();
    }

    private NotifierFunction Notifier(params (string Name, string Value)[] environment) => Notifier(TestBatchTimeout, environment);

    private NotifierFunction Notifier(TimeSpan batchTimeout, params (string Name, string Value)[] environment) => new(
        new ReadPointer(dynamoDb, "todo-test-read-pointer", new ReadTables(Active, Inactive), TimeProvider.System),
        new ConnectionStore(dynamoDb, "todo-test-connections"),
        new AmazonApiGatewayManagementApiClient(Http, endpoint.StageUrl, "eu-west-1", new ImmutableCredentials("AKIDEXAMPLE", "secret", null)),
        new NotifierTelemetry(TelemetryProbe.Create(output, environment)),
        TestPostTimeout,
        batchTimeout);

    /// <summary>As Lambda invokes it: the batch as JSON, in a sampled trace, the response read back.</summary>
    private static async Task<StreamsEventResponse> InvokeAsync(NotifierFunction notifier, DynamoDBEvent batch) =>
        LambdaPayload.Read(await notifier.InvokeAsync(LambdaPayload.Write(batch, LambdaJsonContext.Default.DynamoDBEvent), TelemetryProbe.Context(), CancellationToken.None),
            LambdaJsonContext.Default.StreamsEventResponse);

    /// <summary>What each connection was sent, in order: (todo id, version), or "deleted" for a tombstone.</summary>
    private Dictionary<string, List<string>> Sent() =>
        endpoint.Requests.GroupBy(r => r.ConnectionId).ToDictionary(g => g.Key, g => g.Select(r => Describe(r.Body)).ToList());

    private static string Describe(byte[] message)
    {
        var json = JsonDocument.Parse(message).RootElement;
        return $"{json.GetProperty("id").GetString()![..8]} v{json.GetProperty("version").GetInt64()}{(json.TryGetProperty("deleted", out _) ? " deleted" : "")}";
    }

    private static string Short(Guid id, long version, bool deleted = false) => $"{id.ToString()[..8]} v{version}{(deleted ? " deleted" : "")}";

    private Dictionary<string, double> Metrics() =>
        output.MetricLines.Select(Emf.Assert).SelectMany(m => m).GroupBy(m => m.Key).ToDictionary(g => g.Key, g => g.SelectMany(m => m.Value).Sum());

    [Fact]
    public async Task Every_connection_of_a_list_is_sent_its_lists_changes_in_order_and_nothing_else()
    {
        engine.Lists["user-1"] = ["a1", "a2"];
        engine.Lists["user-2"] = ["b1"];
        var (x, y, z) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var response = await InvokeAsync(Notifier(), Event(
            Record(Item(x, 1), "INSERT"),
            Record(Item(z, 1, owner: "user-2"), "INSERT"),
            Record(Item(y, 1), "INSERT", Inactive),
            Record(Item(x, 2, completed: true)),
            Record(Item(y, 1), "INSERT"),
            Record(Tombstone(x, 3)),
            Record(Item(y, 1), "REMOVE")));

        Assert.Empty(response.BatchItemFailures);
        var user1 = new List<string> { Short(x, 1), Short(x, 2), Short(y, 1), Short(x, 3, deleted: true) };
        Assert.Equal(new Dictionary<string, List<string>> { ["a1"] = user1, ["a2"] = user1, ["b1"] = [Short(z, 1)] }, Sent());
        Assert.Equal(["user-1", "user-2"], engine.Queried.Order());
        Assert.Equal((9d, 0d, 0d), (Metrics()[NotifierTelemetry.PushedMetric], Metrics()[NotifierTelemetry.GoneMetric], Metrics()[NotifierTelemetry.FailedMetric]));
    }

    [Fact]
    public async Task A_connection_that_is_gone_has_its_record_deleted_and_is_sent_nothing_more()
    {
        engine.Lists["user-1"] = ["gone", "open"];
        endpoint.Answer = (request, _) => Task.FromResult(request.ConnectionId == "gone" ? new ManagementAnswer(410, "GoneException") : ManagementAnswer.Ok);
        var id = Guid.NewGuid();

        var response = await InvokeAsync(Notifier(), Event(Record(Item(id, 1), "INSERT"), Record(Item(id, 2))));

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(("user-1", "gone"), Assert.Single(engine.Deleted));
        Assert.Equal([Short(id, 1)], Sent()["gone"]);
        Assert.Equal([Short(id, 1), Short(id, 2)], Sent()["open"]);
        Assert.Equal(1d, Metrics()[NotifierTelemetry.GoneMetric]);
        Assert.Contains(output.LogLines, l => l.GetProperty("message").GetString() == "The connection is gone: its record is deleted"
            && l.GetProperty("connection_id").GetString() == "gone");
    }

    [Fact]
    public async Task A_connection_that_does_not_answer_is_given_up_after_one_post_and_the_batch_succeeds()
    {
        engine.Lists["user-1"] = ["slow", "fast"];
        endpoint.Answer = async (request, aborted) =>
        {
            if (request.ConnectionId == "slow")
                await Task.Delay(Timeout.Infinite, aborted);
            return ManagementAnswer.Ok;
        };
        var id = Guid.NewGuid();

        var response = await InvokeAsync(Notifier(), Event(Record(Item(id, 1), "INSERT"), Record(Item(id, 2)), Record(Item(id, 3))));

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(3, Sent()["fast"].Count);
        Assert.Single(Sent()["slow"]);
        Assert.Equal((3d, 3d), (Metrics()[NotifierTelemetry.PushedMetric], Metrics()[NotifierTelemetry.FailedMetric]));
        var warning = Assert.Single(output.LogLines, l => l.GetProperty("level").GetString() == "WARN");
        Assert.Equal(("Pushing to the connection timed out", "slow", 3), (warning.GetProperty("message").GetString(), warning.GetProperty("connection_id").GetString(), warning.GetProperty("unsent").GetInt32()));
    }

    [Fact]
    public async Task When_the_batch_runs_out_of_time_what_is_left_is_not_sent_and_the_batch_still_succeeds()
    {
        engine.Lists["user-1"] = [.. Enumerable.Range(0, 8).Select(i => $"c{i}")];
        // Each post takes a little under the post timeout: one connection's 20 changes take far longer than the batch may.
        endpoint.Answer = async (_, aborted) =>
        {
            await Task.Delay(TestPostTimeout / 2, aborted);
            return ManagementAnswer.Ok;
        };
        var id = Guid.NewGuid();
        var records = Enumerable.Range(1, 20).Select(v => Record(Item(id, v), v == 1 ? "INSERT" : "MODIFY")).ToArray();

        var response = await InvokeAsync(Notifier(TestPostTimeout * 2), Event(records));

        Assert.Empty(response.BatchItemFailures);
        var metrics = Metrics();
        Assert.Equal(8 * 20d, metrics[NotifierTelemetry.PushedMetric] + metrics[NotifierTelemetry.FailedMetric]);
        Assert.True(metrics[NotifierTelemetry.FailedMetric] > 0, $"{metrics[NotifierTelemetry.PushedMetric]} of 160 pushed");
        // What each connection was sent is its list's first changes, in order, with none skipped.
        Assert.All(Sent().Values, sent => Assert.Equal(Enumerable.Range(1, sent.Count).Select(v => Short(id, v)), sent));
    }

    [Fact]
    public async Task An_endpoint_that_fails_costs_each_connection_one_post_and_the_batch_succeeds()
    {
        engine.Lists["user-1"] = ["c1", "c2"];
        endpoint.Answer = (_, _) => Task.FromResult(new ManagementAnswer(500, null, """{"message":"Internal server error"}"""));
        var id = Guid.NewGuid();

        var response = await InvokeAsync(Notifier(), Event(Record(Item(id, 1), "INSERT"), Record(Item(id, 2))));

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(2, endpoint.Requests.Count);
        Assert.Equal(4d, Metrics()[NotifierTelemetry.FailedMetric]);
        Assert.All(output.LogLines.Where(l => l.GetProperty("level").GetString() == "WARN"),
            l => Assert.Equal("AmazonApiGatewayManagementApiException: Internal server error", l.GetProperty("error").GetString()));
    }

    [Fact]
    public async Task A_list_whose_connections_cannot_be_read_holds_back_no_other_list()
    {
        engine.Lists["user-1"] = ["a1"];
        engine.Lists["user-2"] = ["b1"];
        engine.FailingLists.Add("user-1");
        var (x, y) = (Guid.NewGuid(), Guid.NewGuid());

        var response = await InvokeAsync(Notifier(), Event(Record(Item(x, 1), "INSERT"), Record(Item(y, 1, owner: "user-2"), "INSERT")));

        Assert.Empty(response.BatchItemFailures);
        Assert.Equal(new Dictionary<string, List<string>> { ["b1"] = [Short(y, 1)] }, Sent());
        Assert.Contains(output.LogLines, l => l.GetProperty("message").GetString() == "Reading the list's connections failed" && l.GetProperty("list_id").GetString() == "user-1");
    }

    [Fact]
    public async Task Without_the_read_pointer_nothing_is_pushed_and_the_batch_succeeds()
    {
        engine.Lists["user-1"] = ["a1"];
        engine.Failing = true;

        var response = await InvokeAsync(Notifier(), Event(Record(Item(Guid.NewGuid(), 1), "INSERT")));

        Assert.Empty(response.BatchItemFailures);
        Assert.Empty(endpoint.Requests);
        Assert.Contains(output.LogLines, l => l.GetProperty("message").GetString() == "Pushed nothing of the batch");
    }

    [Fact]
    public async Task The_logs_name_ids_and_versions_never_a_todos_text()
    {
        engine.Lists["user-1"] = ["a1", "gone"];
        endpoint.Answer = (request, _) => Task.FromResult(request.ConnectionId == "gone" ? new ManagementAnswer(410) : ManagementAnswer.Ok);
        var id = Guid.NewGuid();

        await InvokeAsync(Notifier((ObservabilityVariables.PowertoolsLogLevel, "DEBUG")),
            Event(Record(Item(id, 1, text: "Call the dentist about the crown"), "INSERT"), Record(Parked(Item(Guid.NewGuid(), 4, text: "Secret plan")))));

        Assert.Contains(output.LogLines, l => l.GetProperty("message").GetString() == "Pushed the change" && l.GetProperty("todo_id").GetString() == id.ToString());
        Assert.Contains(output.LogLines, l => l.GetProperty("message").GetString() == "Passed over the record");
        Assert.All(output.Lines, line => Assert.DoesNotContain("dentist", line, StringComparison.Ordinal));
        Assert.All(output.Lines, line => Assert.DoesNotContain("Secret plan", line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Each_post_is_a_subsegment_of_the_invocations_trace()
    {
        engine.Lists["user-1"] = ["a1", "gone"];
        endpoint.Answer = (request, _) => Task.FromResult(request.ConnectionId == "gone" ? new ManagementAnswer(410, "GoneException") : ManagementAnswer.Ok);
        using var daemon = new DaemonListener();

        await InvokeAsync(Notifier((ObservabilityVariables.XRayDaemonAddress, daemon.Address)), Event(Record(Item(Guid.NewGuid(), 1), "INSERT")));

        var posts = (await daemon.DrainAsync(TimeSpan.FromMilliseconds(300)))
            .Select(d => JsonDocument.Parse(d.AsMemory()[(Array.IndexOf(d, (byte)'\n') + 1)..]).RootElement)
            .Where(s => s.GetProperty("name").GetString() == AmazonApiGatewayManagementApiClient.SpanName)
            .ToDictionary(s => s.GetProperty("aws").GetProperty("connection_id").GetString()!);
        Assert.Equal(["a1", "gone"], posts.Keys.Order());
        Assert.All(posts.Values, s =>
        {
            Assert.Equal(("aws", TelemetryProbe.Root), (s.GetProperty("namespace").GetString(), s.GetProperty("trace_id").GetString()));
            Assert.Equal("PostToConnection", s.GetProperty("aws").GetProperty("operation").GetString());
        });
        Assert.Equal(200, posts["a1"].GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        Assert.Equal(410, posts["gone"].GetProperty("http").GetProperty("response").GetProperty("status").GetInt32());
        Assert.True(posts["gone"].GetProperty("error").GetBoolean());
    }
}
