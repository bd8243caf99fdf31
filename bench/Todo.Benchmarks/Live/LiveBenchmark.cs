using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.WebSockets;
using Todo.Benchmarks.Engine;
using Todo.Benchmarks.Measuring;
using Todo.Benchmarks.ProjectionLag;
using Todo.Harness.Live;
using Todo.Harness.Seeding;

namespace Todo.Benchmarks.Live;

/// <summary>
/// Benchmark 11: how soon a change made by one client arrives in another client's live connection, at a light load and at
/// shares of the engine's raw write rate measured in the same run; the projection's own lag at those loads; one change's
/// fan-out to many connections of one list; and the memory of many connections held at once.
/// </summary>
public static class LiveBenchmark
{
    /// <summary>Commands a second of the light load: a busy user's pace, well inside what the engine serves.</summary>
    public const int LightRate = 20;

    public static readonly double[] Shares = [0.3, 0.5, 0.7];

    public const int FanOutConnections = 100;

    /// <summary>The projection's lag is read for a sample of commands: probing each would add a read per 5 ms per command to the engine's load.</summary>
    private const int ProbesPerSecond = 40;

    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(10);

    public static async Task<LiveResult> RunAsync(string root, BenchmarkSizes sizes, Action<string> progress)
    {
        LiveResult result;
        await using (var app = await FreshApp.StartAsync(root))
        {
            var raw = new RawWrites(app.DynamoDb, app.Tables.Events);
            await EngineWarmup.RunAsync(app.Api, raw, sizes.WarmupRounds);
            var rate = await raw.RateAsync(sizes.LiveRawConcurrency, sizes.RawRateDuration);
            progress($"raw conditional writes: {rate.PerSecond:F0}/s");
            var live = LiveSocket.UrlOf(app.BaseUrl);
            var arrivals = new Arrivals();
            var phases = new List<LivePhase>();
            await using (await LiveSocket.ConnectAsync(live, null, arrivals.Add, CancellationToken.None))
            {
                // Unmeasured: the notifier's first invocations and the socket's path warm up.
                await PhaseAsync(app, "warm-up", null, LightRate, sizes.LiveChanges / 10 + 1, arrivals);
                phases.Add(await PhaseAsync(app, "light", null, LightRate, sizes.LiveChanges, arrivals));
                foreach (var share in Shares)
                {
                    phases.Add(await PhaseAsync(app, $"{share * 100:F0}% of raw", share, share * rate.PerSecond, sizes.LiveChanges, arrivals));
                    progress($"{phases[^1].Name}: push p99 {phases[^1].Push.P99:F0} ms, projection p99 {phases[^1].Projection.P99:F0} ms");
                }
            }
            var fanOut = await FanOutAsync(app, live, sizes.LiveFanOutChanges);
            result = new LiveResult(rate, phases, fanOut, new LiveConnections(0, 0, 0, 0));
        }
        return result with { Connections = await HoldAsync(root, sizes.LiveHeldConnections) };
    }

    /// <summary>Half creates, half edits of todos the phase created, sent open loop on a fixed schedule.</summary>
    private static async Task<LivePhase> PhaseAsync(FreshApp app, string name, double? share, double rate, int count,
        Arrivals arrivals)
    {
        var created = new List<Guid>();
        var acknowledged = new ConcurrentBag<(Guid Id, long Version, long At)>();
        var projection = new Latencies();
        var failed = 0;
        var neverVisible = 0;
        var probeEvery = Math.Max(1, (int)Math.Ceiling(rate / ProbesPerSecond));

        async Task CommandAsync(int k)
        {
            Guid? target = null;
            lock (created)
                if (k % 2 == 1 && created.Count > 0)
                    target = created[Random.Shared.Next(created.Count)];
            var answer = target is { } id
                ? await app.Api.UpdateAsync(id, $"{FixtureText.Standard} #{k}", null)
                : await app.Api.CreateAsync(FixtureText.Standard);
            var at = Stopwatch.GetTimestamp();
            if (!answer.IsSuccess)
            {
                Interlocked.Increment(ref failed);
                return;
            }
            if (target is null)
                lock (created)
                    created.Add(answer.Token!.TodoId);
            acknowledged.Add((answer.Token!.TodoId, answer.Token.Version, at));
            if (k % probeEvery != 0)
                return;
            if (await ProjectionLagBenchmark.VisibleAfterAsync(app.DynamoDb, app.Tables.Todos, answer, () => { }) is { } elapsed)
                projection.Add(elapsed.TotalMilliseconds);
            else
                Interlocked.Increment(ref neverVisible);
        }

        var sent = await OpenLoop.RunAsync(count, rate, CommandAsync);

        var waiting = Stopwatch.GetTimestamp();
        while (acknowledged.Any(a => arrivals.At(a.Id, a.Version) is null) && Stopwatch.GetElapsedTime(waiting) < GiveUp)
            await Task.Delay(20);
        var push = new Latencies();
        int missed = 0, beforeAnswer = 0;
        foreach (var (id, version, at) in acknowledged)
        {
            if (arrivals.At(id, version) is not { } arrived)
                missed++;
            else if (arrived < at)
            {
                beforeAnswer++;
                push.Add(0);
            }
            else
                push.Add(Stopwatch.GetElapsedTime(at, arrived).TotalMilliseconds);
        }
        return new LivePhase(name, share, sent, count, failed, push, missed, beforeAnswer, projection, neverVisible);
    }

    /// <summary>One change at a time, each awaited in every one of <see cref="FanOutConnections"/> sockets of the list.</summary>
    private static async Task<LiveFanOut> FanOutAsync(FreshApp app, Uri live, int changes)
    {
        var arrivals = Enumerable.Range(0, FanOutConnections).Select(_ => new ConcurrentDictionary<Guid, long>()).ToList();
        var sockets = new List<LiveSocket>();
        try
        {
            foreach (var received in arrivals)
                sockets.Add(await LiveSocket.ConnectAsync(live, null, change => received.TryAdd(change.Id, change.ReceivedAt), CancellationToken.None));
            var last = new Latencies();
            var missed = 0;
            for (var k = 0; k < changes; k++)
            {
                var answer = await app.Api.CreateAsync(FixtureText.Standard);
                var at = Stopwatch.GetTimestamp();
                var id = answer.Token!.TodoId;
                while (arrivals.Any(a => !a.ContainsKey(id)) && Stopwatch.GetElapsedTime(at) < GiveUp)
                    await Task.Delay(2);
                var times = arrivals.Where(a => a.ContainsKey(id)).Select(a => a[id]).ToList();
                missed += FanOutConnections - times.Count;
                if (times.Count > 0)
                    last.Add(Math.Max(0, Stopwatch.GetElapsedTime(at, times.Max()).TotalMilliseconds));
            }
            return new LiveFanOut(FanOutConnections, changes, last, missed);
        }
        finally
        {
            await Task.WhenAll(sockets.Select(s => s.DisposeAsync().AsTask()));
        }
    }

    /// <summary>Opens <paramref name="count"/> connections to a host in a process of its own, so its memory is read apart from the clients'.</summary>
    private static async Task<LiveConnections> HoldAsync(string root, int count)
    {
        await using var host = await HostProcess.StartAsync(root);
        var live = LiveSocket.UrlOf(host.BaseUrl);
        // The host's first connections run its functions' first invocations: warmed before the memory is read.
        await using (await LiveSocket.ConnectAsync(live, null, _ => { }, CancellationToken.None))
        {
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        var before = host.RssMegabytes;
        var sockets = new List<LiveSocket>(count);
        try
        {
            for (var k = 0; k < count; k++)
                sockets.Add(await LiveSocket.ConnectAsync(live, null, _ => { }, CancellationToken.None));
            await Task.Delay(TimeSpan.FromSeconds(2));
            var with = host.RssMegabytes;
            return new LiveConnections(count, sockets.Count(s => s.State == WebSocketState.Open), before, with);
        }
        finally
        {
            await Task.WhenAll(sockets.Select(s => s.DisposeAsync().AsTask()));
        }
    }
}
