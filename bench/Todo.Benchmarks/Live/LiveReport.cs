using Todo.Benchmarks.Report;

namespace Todo.Benchmarks.Live;

/// <summary>Benchmark 11's section of docs/benchmarks.md and its targets.</summary>
public static class LiveReport
{
    public const string Heading = "## 11. Live changes";

    private const double LightPushGoal = 300, LoadedPushGoal = 1000, ProjectionGoal = 250;

    public static string Section(BenchmarkSizes sizes, LiveResult r) => $"""
        {Heading}

        The local host in this process (open API, so every connection follows the one shared list) on a fresh in-memory
        DynamoDB Local. The engine's raw conditional-write rate, measured first in the same run with {r.Raw.Concurrency}
        writers: **{r.Raw.PerSecond:F0}/s**. One client keeps a live connection open while commands (half creates, half edits)
        are sent open loop at each rate, {sizes.LiveChanges:N0} a load; a change's *push* time runs from its command's
        2xx to the change's message arriving in the other client's socket (one that came before the 2xx counts as 0 ms). The
        projection's lag (2xx → the read item at the command's version) is read for a sample of the same commands, as
        benchmark 2 reads it.

        {Format.Table(["load", "commands/s", "commands", "failed", "push p50", "push p99", "pushes missed", "projection p50", "projection p99", "probes"],
            r.Phases.Select(p => (IReadOnlyList<string>)[p.Name, $"{p.Rate:F0}", $"{p.Commands:N0}", $"{p.Failed}", Format.Ms(p.Push.Median), Format.Ms(p.Push.P99),
                $"{p.Missed}", Format.Ms(p.Projection.Median), Format.Ms(p.Projection.P99), $"{p.Projection.Count}"]))}

        One change fanned out to {r.FanOut.Connections} connections of its list, {r.FanOut.Changes} changes one after another: the last
        connection had it {Format.Ms(r.FanOut.Last.Median)} after the 2xx at the median, {Format.Ms(r.FanOut.Last.P99)} at worst
        ({r.FanOut.Missed} deliveries missed).

        {r.Connections.Opened:N0} connections held at once by the local host run as `./run.sh --in-memory --no-auth` runs it, in a
        process of its own: {r.Connections.StillOpen:N0} still open after 2 s; its resident memory {r.Connections.RssBeforeMegabytes:F0} MB
        before, {r.Connections.RssWithMegabytes:F0} MB with them ({r.Connections.KilobytesEach:F0} KB a connection).
        """;

    public static IEnumerable<Target> Targets(LiveResult? r)
    {
        if (r is null)
            yield break;
        foreach (var phase in r.Phases)
        {
            var goal = phase.ShareOfRaw is null ? LightPushGoal : LoadedPushGoal;
            if (phase.ShareOfRaw is null or >= 0.7)
                yield return new("11", $"push p99, {phase.Name}", Format.Ms(phase.Push.P99), $"≤ {goal:F0} ms", phase.Push.P99 <= goal && phase.Missed == 0);
            if (phase.ShareOfRaw >= 0.7)
                yield return new("11", $"projection lag p99, {phase.Name}", Format.Ms(phase.Projection.P99), $"≤ {ProjectionGoal:F0} ms", phase.Projection.P99 <= ProjectionGoal);
        }
        yield return new("11", $"connections held of {r.Connections.Opened:N0} opened", $"{r.Connections.StillOpen:N0}", $"{r.Connections.Opened:N0}", r.Connections.StillOpen == r.Connections.Opened);
    }
}
