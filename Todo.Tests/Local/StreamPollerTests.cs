using Todo.Lambda.Core;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Todo.Lambda;
using Todo.Local;
using Todo.Local.Streams;
using Todo.Local.Template;
using Todo.Tests.Support;

namespace Todo.Tests.Local;

/// <summary>The local event source mapping against DynamoDB Local's stream: batches, partial-batch responses and retries.</summary>
[Slow]
public sealed class StreamPollerTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private readonly TodoApi api = new(fixture.Http);

    [Fact]
    public async Task A_reported_failure_is_delivered_again_with_every_record_after_it()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add((await api.CreateAsync($"record {i}")).Text("id"));
        var function = new FailOnceFunction(failing: ids[1]);

        await RunUntilAsync(function, () => ids.All(function.Succeeded.Contains), reportFailures: true);

        // The first delivery fails the second record; the retry starts there, so the first is not delivered again.
        Assert.Equal(ids, function.Deliveries[0].Where(ids.Contains));
        Assert.Equal(ids[1..], function.Deliveries[1].Where(ids.Contains));
        Assert.Equal(ids, function.Succeeded.Where(ids.Contains));
    }

    [Fact]
    public async Task Without_ReportBatchItemFailures_the_response_is_ignored()
    {
        var id = (await api.CreateAsync("ignored response")).Text("id");
        var function = new FailOnceFunction(failing: id);

        await RunUntilAsync(function, () => function.Deliveries.Any(d => d.Contains(id)), reportFailures: false);
        await Task.Delay(200);

        Assert.Single(function.Deliveries, d => d.Contains(id));
    }

    [Fact]
    public async Task The_shard_list_is_read_again_only_every_few_seconds_not_on_every_poll()
    {
        var id = (await api.CreateAsync("counted")).Text("id");
        var function = new FailOnceFunction(failing: "");
        var calls = new CountingHandler();
        var streams = new DynamoDbStreamsClient(new HttpClient(calls), fixture.App.DynamoDbUrl, LocalAws.Region, LocalAws.AccessKey, LocalAws.SecretKey);
        var started = DateTime.UtcNow;

        // A poll that delivers, then idle polls every 10 ms: each of them used to read the shard list first.
        await RunUntilAsync(function, () => function.Succeeded.Contains(id) && calls.Count("GetRecords") >= 15, reportFailures: true, streams);

        var refreshes = (int)((DateTime.UtcNow - started) / StreamPoller.DefaultShardRefreshInterval);
        Assert.InRange(calls.Count("DescribeStream"), 1, 1 + refreshes);
        Assert.Equal(1, calls.Count("GetShardIterator"));
    }

    [Fact]
    public async Task A_poll_that_found_records_is_followed_at_once_and_only_an_idle_one_waits()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add((await api.CreateAsync($"backlog {i}")).Text("id"));
        var function = new FailOnceFunction(failing: "");

        // Batches of 2 and an hour between idle polls: only reading on at once gets through the backlog.
        await RunUntilAsync(function, () => ids.All(function.Succeeded.Contains), reportFailures: true, batchSize: 2, pollInterval: TimeSpan.FromHours(1));

        Assert.All(function.Deliveries, d => Assert.InRange(d.Count, 1, 2));
    }

    private async Task RunUntilAsync(FailOnceFunction function, Func<bool> done, bool reportFailures,
        DynamoDbStreamsClient? streams = null, int batchSize = 100, TimeSpan? pollInterval = null)
    {
        var arn = await StreamRecords.StreamArnAsync(fixture);
        var mapping = new StreamMapping("EventsTable", "TRIM_HORIZON", batchSize, reportFailures, -1);
        var poller = new StreamPoller(streams ?? StreamRecords.Client(fixture.App), arn, mapping, "Probe", function,
            new CheckpointStore(null), pollInterval ?? TimeSpan.FromMilliseconds(10), NullLogger.Instance);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var running = poller.RunAsync(stop.Token);
        while (!done() && !stop.IsCancellationRequested)
            await Task.Delay(20);
        await stop.CancelAsync();
        await running;
        Assert.True(done(), "The poller never delivered what was expected.");
    }

    /// <summary>Counts the Streams API calls that pass, by operation (the X-Amz-Target header).</summary>
    private sealed class CountingHandler() : DelegatingHandler(new HttpClientHandler())
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> calls = new();

        public int Count(string operation) => calls.GetValueOrDefault(operation);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            calls.AddOrUpdate(request.Headers.GetValues("X-Amz-Target").Single().Split('.')[1], 1, (_, n) => n + 1);
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>A stream function that reports one todo's record as failed the first time it sees it.</summary>
    private sealed class FailOnceFunction(string failing) : ILambdaFunction
    {
        private bool failed;

        public List<List<string>> Deliveries { get; } = [];
        public List<string> Succeeded { get; } = [];

        public Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken cancellationToken)
        {
            var records = JsonNode.Parse(payload.Span)!["Records"]!.AsArray();
            var ids = records.Select(r => (string)r!["dynamodb"]!["Keys"]!["todoId"]!["S"]!).ToList();
            Deliveries.Add(ids);
            var failures = new JsonArray();
            for (var i = 0; i < ids.Count; i++)
            {
                if (failures.Count == 0 && ids[i] == failing && !failed)
                {
                    failed = true;
                    failures.Add(new JsonObject { ["itemIdentifier"] = (string)records[i]!["dynamodb"]!["SequenceNumber"]! });
                }
                else if (failures.Count == 0)
                    Succeeded.Add(ids[i]);
            }
            return Task.FromResult(Encoding.UTF8.GetBytes(new JsonObject { ["batchItemFailures"] = failures }.ToJsonString()));
        }
    }
}
