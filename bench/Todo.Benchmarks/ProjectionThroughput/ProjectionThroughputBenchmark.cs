using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Benchmarks.Engine;
using Todo.Benchmarks.Measuring;
using Todo.Store.ReadTable;
using Todo.Harness.Seeding;

namespace Todo.Benchmarks.ProjectionThroughput;

/// <summary>
/// Benchmark 7 for one number of clients: how fast todos are created against how fast the projection
/// shows them, how long the read model takes to show every one after the load stops, and the lag
/// sampled during the load.
/// </summary>
/// <param name="Acknowledged">The POSTs answered 2xx: each appended one event, which the read model must show.</param>
/// <param name="CommandWindow">From the first acknowledgement to the last.</param>
/// <param name="ProjectionWindow">From when the first acknowledged todo showed in the read model to when the last did.</param>
/// <param name="CatchUp">From the last acknowledgement to the read model showing every acknowledged todo.</param>
/// <param name="Missing">Acknowledged todos the read model still lacked when the benchmark stopped waiting.</param>
public sealed record ProjectionThroughputResult(
    int Clients, TimeSpan Duration, int Acknowledged, int Failed, TimeSpan CommandWindow, TimeSpan ProjectionWindow,
    TimeSpan CatchUp, Latencies Lag, int Missing)
{
    public double CommandsPerSecond => Acknowledged / CommandWindow.TotalSeconds;

    public double ProjectionsPerSecond => Acknowledged / ProjectionWindow.TotalSeconds;

    /// <summary>1 when the projection keeps pace: it then shows the todos over a window as long as the one they were acknowledged in.</summary>
    public double Ratio => ProjectionsPerSecond / CommandsPerSecond;
}

public static class ProjectionThroughputBenchmark
{
    /// <summary>How often the lag is sampled during the load: the todo acknowledged last is followed until it shows.</summary>
    public static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan ProbeInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>Each number of clients on a host and engine of its own, or, in quick mode, all on one.</summary>
    public static Task<IReadOnlyList<ProjectionThroughputResult>> RunAsync(string root, BenchmarkSizes sizes) =>
        HostPerClientCount.RunAsync(root, sizes, sizes.ProjectionClients, (host, clients) => RunAsync(host, sizes, clients));

    private static async Task<ProjectionThroughputResult> RunAsync(HostProcess host, BenchmarkSizes sizes, int clients)
    {
        var raw = new RawWrites(host.DynamoDb, host.Tables.Events);
        await EngineWarmup.RunAsync(host.Api, raw, sizes.WarmupRounds);
        // The warm-up's events projected before the load starts, so the load alone is measured.
        var read = new ReadModel(host.DynamoDb, host.Tables.Todos);
        await read.VisibleAsync([await raw.PutAsync()], sizes.ConvergenceTimeout);

        var acks = new Acknowledgements(clients);
        var failed = 0;
        var started = Stopwatch.GetTimestamp();
        bool Running() => Stopwatch.GetElapsedTime(started) < sizes.ProjectionDuration;
        var sampling = SampleLagAsync(read, acks, Running, sizes.ConvergenceTimeout);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            while (Running())
            {
                try
                {
                    var answer = await host.Api.CreateAsync(FixtureText.Standard);
                    if (answer.IsSuccess)
                        acks.Add(client, answer.Token!.TodoId);
                    else
                        Interlocked.Increment(ref failed);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }));
        var duration = Stopwatch.GetElapsedTime(started);
        var (lag, firstVisible) = await sampling;
        if (acks.Count == 0)
            throw new InvalidOperationException($"No POST of {clients} clients was acknowledged in {duration.TotalSeconds:F0} s.");

        // Each client's todos were appended one after another, so its last is the latest of them in the
        // stream: once every client's last shows, so has everything, which one read of the whole table checks.
        var lastVisible = await read.VisibleAsync(acks.LastOfEachClient(), sizes.ConvergenceTimeout);
        var missing = await read.MissingAsync(acks.All());
        while (missing > 0 && Stopwatch.GetElapsedTime(acks.LastAt) < sizes.ConvergenceTimeout)
        {
            missing = await read.MissingAsync(acks.All());
            lastVisible = Stopwatch.GetTimestamp();
        }
        return new ProjectionThroughputResult(clients, duration, acks.Count, failed,
            Elapsed(acks.FirstAt, acks.LastAt), Elapsed(firstVisible, lastVisible), Elapsed(acks.LastAt, lastVisible), lag, missing);
    }

    /// <summary>
    /// Follows the first acknowledged todo, and every <see cref="SampleInterval"/> the one acknowledged
    /// last, until each shows in the read model: the lag is from its acknowledgement to then.
    /// </summary>
    /// <returns>The lags, and when the first acknowledged todo showed.</returns>
    private static async Task<(Latencies Lag, long FirstVisible)> SampleLagAsync(ReadModel read, Acknowledgements acks, Func<bool> running, TimeSpan giveUp)
    {
        var lag = new Latencies();
        async Task<long> FollowAsync(Ack ack)
        {
            var visible = await read.VisibleAsync([ack.TodoId], giveUp);
            lag.Add(Stopwatch.GetElapsedTime(ack.At, visible).TotalMilliseconds);
            return visible;
        }

        while (acks.Count == 0 && running())
            await Task.Delay(1);
        if (acks.Count == 0)
            return (lag, Stopwatch.GetTimestamp());
        var first = FollowAsync(acks.First);
        var probes = new List<Task> { first };
        var sampled = acks.First;
        while (running())
        {
            await Task.Delay(SampleInterval);
            if (acks.Latest is { } latest && latest != sampled)
                probes.Add(FollowAsync(sampled = latest));
        }
        await Task.WhenAll(probes);
        return (lag, await first);
    }

    private static TimeSpan Elapsed(long from, long to) => Stopwatch.GetElapsedTime(from, to);

    private sealed record Ack(Guid TodoId, long At);

    /// <summary>The todos the load created, as their POSTs were acknowledged, and each client's last one.</summary>
    private sealed class Acknowledgements(int clients)
    {
        private readonly List<Ack> all = [];
        private readonly Ack?[] lastOfClient = new Ack?[clients];

        public int Count
        {
            get { lock (all) return all.Count; }
        }

        public Ack First
        {
            get { lock (all) return all[0]; }
        }

        public Ack? Latest
        {
            get { lock (all) return all.Count > 0 ? all[^1] : null; }
        }

        public long FirstAt => First.At;

        public long LastAt
        {
            get { lock (all) return all.Count > 0 ? all.Max(a => a.At) : Stopwatch.GetTimestamp(); }
        }

        public void Add(int client, Guid todoId)
        {
            var ack = new Ack(todoId, Stopwatch.GetTimestamp());
            lock (all)
            {
                all.Add(ack);
                lastOfClient[client] = ack;
            }
        }

        public List<Guid> All()
        {
            lock (all)
                return [.. all.Select(a => a.TodoId)];
        }

        public List<Guid> LastOfEachClient()
        {
            lock (all)
                return [.. lastOfClient.OfType<Ack>().Select(a => a.TodoId)];
        }
    }

    /// <summary>The read table, read straight from the engine (not through the API, whose load would skew the figures).</summary>
    private sealed class ReadModel(IAmazonDynamoDB dynamoDb, string table)
    {
        /// <summary>Reads the todos (at most 100) until every one has a read item.</summary>
        /// <returns>When the last of them was seen (a Stopwatch timestamp), or when it stopped waiting.</returns>
        public async Task<long> VisibleAsync(IReadOnlyCollection<Guid> todoIds, TimeSpan giveUp)
        {
            var waiting = todoIds.ToHashSet();
            var started = Stopwatch.GetTimestamp();
            while (true)
            {
                var keys = new KeysAndAttributes { Keys = [.. waiting.Select(id => TodoTable.Key(TodoTable.DefaultList, id))], ConsistentRead = true, ProjectionExpression = TodoTable.TodoId };
                var response = await dynamoDb.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = new() { [table] = keys } });
                foreach (var item in response.Responses.GetValueOrDefault(table) ?? [])
                    waiting.Remove(Guid.Parse(item[TodoTable.TodoId].S));
                var now = Stopwatch.GetTimestamp();
                var waited = Stopwatch.GetElapsedTime(started, now);
                if (waiting.Count == 0 || waited > giveUp)
                    return now;
                // Past 50 ms a tenth of the wait is finer than the figures need, and probes of a backlog must not swamp the engine.
                await Task.Delay(TimeSpan.FromTicks(Math.Max(ProbeInterval.Ticks, waited.Ticks / 10)));
            }
        }

        /// <returns>How many of the todos have no read item, by one consistent read of the whole table.</returns>
        public async Task<int> MissingAsync(IReadOnlyCollection<Guid> todoIds)
        {
            var present = new HashSet<Guid>();
            var scan = new ScanRequest { TableName = table, ConsistentRead = true, ProjectionExpression = TodoTable.TodoId };
            await foreach (var page in dynamoDb.Paginators.Scan(scan).Responses)
                foreach (var item in page.Items ?? [])
                    present.Add(Guid.Parse(item[TodoTable.TodoId].S));
            return todoIds.Count(id => !present.Contains(id));
        }
    }
}
