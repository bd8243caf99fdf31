using System.Diagnostics;
using Todo.Benchmarks.Api;
using Todo.Benchmarks.Engine;
using Todo.Benchmarks.Measuring;
using Todo.Store.ReadTable;
using Todo.Harness.Seeding;

namespace Todo.Benchmarks.Throughput;

/// <summary>
/// Benchmarks 4 and 6 for one number of clients: commands per second with how every one was
/// answered, the engine's raw write rate before and after at the same concurrency, whether the
/// read model then equals the fold of the events, and the peak memory of the host and its engine.
/// </summary>
public sealed record ThroughputResult(
    int Clients, TimeSpan Duration, Outcomes Outcomes, Latencies Latency, RawRate Before, RawRate After,
    TimeSpan CatchUp, int Todos, int Differences, double HostPeakRssMegabytes, double EnginePeakRssMegabytes)
{
    public double PerSecond => Outcomes.Answered / Duration.TotalSeconds;

    /// <summary>
    /// Commands per second over the engine's own conditional writes per second at the same concurrency: the
    /// higher of the two rates, since the engine's JIT may still be warming before the load.
    /// </summary>
    public double OfRawRate => PerSecond / Math.Max(Before.PerSecond, After.PerSecond);
}

/// <summary>How the commands were answered: 2xx, 4xx (404 for a todo another client deleted, 409), 5xx, or not at all.</summary>
public sealed class Outcomes
{
    public int Succeeded;
    public int ClientErrors;
    public int ServerErrors;
    public int Unanswered;

    public int Answered => Succeeded + ClientErrors + ServerErrors;

    public void Count(Answer answer)
    {
        if (answer.IsSuccess)
            Interlocked.Increment(ref Succeeded);
        else if (answer.IsServerError)
            Interlocked.Increment(ref ServerErrors);
        else
            Interlocked.Increment(ref ClientErrors);
    }
}

public static class ThroughputBenchmark
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Each number of clients on a host and engine of its own, or, in quick mode, all on one.</summary>
    public static Task<IReadOnlyList<ThroughputResult>> RunAsync(string root, BenchmarkSizes sizes) =>
        HostPerClientCount.RunAsync(root, sizes, sizes.Clients, (host, clients) => RunAsync(host, sizes, clients));

    private static async Task<ThroughputResult> RunAsync(HostProcess host, BenchmarkSizes sizes, int clients)
    {
        var raw = new RawWrites(host.DynamoDb, host.Tables.Events);
        await EngineWarmup.RunAsync(host.Api, raw, sizes.WarmupRounds);
        var before = await raw.RateAsync(clients, sizes.RawRateDuration);
        var outcomes = new Outcomes();
        var latency = new Latencies();
        var live = new List<Guid>();
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => ClientAsync(host.Api, live, outcomes, latency,
            () => Stopwatch.GetElapsedTime(started) < sizes.ThroughputDuration)));
        var duration = Stopwatch.GetElapsedTime(started);
        var after = await raw.RateAsync(clients, sizes.RawRateDuration);

        // The last write of all: once it is projected, the backlog is worked off, and the whole check can begin.
        var checking = Stopwatch.GetTimestamp();
        var last = await raw.PutAsync();
        while (await host.DynamoDb.GetItemAsync(host.Tables.Todos, TodoTable.Key(TodoTable.DefaultList, last)) is not { Item.Count: > 0 }
            && Stopwatch.GetElapsedTime(checking) < sizes.ConvergenceTimeout)
            await Task.Delay(CheckInterval);
        var caughtUp = Stopwatch.GetElapsedTime(checking);
        var (todos, differences) = await ReadModelCheck.CompareAsync(host.DynamoDb, host.Tables);
        while (differences > 0 && Stopwatch.GetElapsedTime(checking) < sizes.ConvergenceTimeout)
        {
            await Task.Delay(CheckInterval);
            (todos, differences) = await ReadModelCheck.CompareAsync(host.DynamoDb, host.Tables);
        }
        return new ThroughputResult(clients, duration, outcomes, latency, before, after, caughtUp, todos, differences,
            host.PeakRssMegabytes, host.EnginePeakRssMegabytes);
    }

    /// <summary>
    /// One client, as fast as its answers come: 40% creates, 45% updates (text, completion or both),
    /// 15% deletes, on todos shared by all clients, so some commands race on one todo.
    /// </summary>
    private static async Task ClientAsync(TodoHttp api, List<Guid> live, Outcomes outcomes, Latencies latency, Func<bool> running)
    {
        while (running())
        {
            var roll = Random.Shared.NextDouble();
            Guid target = default;
            lock (live)
                if (live.Count > 0)
                    target = live[Random.Shared.Next(live.Count)];
            var text = $"{FixtureText.Standard} {roll:F4}";
            var completed = Random.Shared.Next(2) == 0;
            var create = roll < 0.40 || target == default;
            var delete = !create && roll >= 0.85;
            try
            {
                var answer = await latency.TimeAsync(() =>
                    create ? api.CreateAsync(text)
                    : delete ? api.DeleteAsync(target)
                    : roll < 0.55 ? api.UpdateAsync(target, text, null)
                    : roll < 0.70 ? api.UpdateAsync(target, text, completed)
                    : api.UpdateAsync(target, null, completed));
                outcomes.Count(answer);
                lock (live)
                {
                    if (answer.IsSuccess && create)
                        live.Add(answer.Token!.TodoId);
                    else if (answer.IsSuccess && delete)
                        live.Remove(target);
                }
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref outcomes.Unanswered);
            }
        }
    }
}
