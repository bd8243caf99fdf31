using Todo.Benchmarks.Report;

namespace Todo.Benchmarks.ProjectionThroughput;

/// <summary>Benchmark 7's section of docs/benchmarks.md and its targets.</summary>
public static class ProjectionThroughputReport
{
    public const string Heading = "## 7. Projection throughput";

    /// <summary>From this many clients on, the projection must keep pace with the commands.</summary>
    private const int KeepPaceFrom = 16;

    private static readonly TimeSpan CatchUpGoal = TimeSpan.FromSeconds(2);
    private const double LagP99GoalMs = 1000;

    public static string Section(BenchmarkSizes sizes, IReadOnlyList<ProjectionThroughputResult> runs) => $"""
        {Heading}

        The local host as a process of its own (`dotnet Todo.Local.dll --in-memory`, {(sizes.FreshHostPerClientCount ? "a fresh one for each number of clients" : "one for every number of clients in quick mode")}),
        the stream read as ./run.sh reads it and the projector as template.yaml configures it. Each client POSTs a
        new todo as soon as its last POST is answered, for {Format.Seconds(sizes.ProjectionDuration)}; each 2xx appended one event the read model
        must show. Commands/s counts the 2xx over the time from the first to the last of them, projections/s the
        same todos over the time from the first showing in the read table to the last (read straight from the
        engine with consistent reads), so the ratio is 1 when the projection keeps pace. Caught up after: from the
        last 2xx until the read table holds every acknowledged todo (each client's last todo followed until it
        shows, then one consistent Scan to check the rest). Lag: every {ProjectionThroughputBenchmark.SampleInterval.TotalMilliseconds:F0} ms during the load, the todo
        acknowledged last is followed until it shows, from its 2xx.

        {Format.Table(["clients", "2xx", "other", "commands/s", "projections/s", "projections / commands", "caught up after", "lag p50", "lag p99", "lag samples", "missing"],
            runs.Select(r => (IReadOnlyList<string>)[$"{r.Clients}", $"{r.Acknowledged:N0}", $"{r.Failed}", Format.Rate(r.CommandsPerSecond), Format.Rate(r.ProjectionsPerSecond),
                Format.Ratio(r.Ratio), $"{r.CatchUp.TotalSeconds:F2} s", Format.Ms(r.Lag.Median), Format.Ms(r.Lag.P99), $"{r.Lag.Count}", $"{r.Missing}"]))}
        The projector applies a batch's todos concurrently (`PROJECTOR_CONCURRENCY` in template.yaml), one conditional
        UpdateItem per run of consecutive events of one todo; here each todo has one event, so nothing coalesces.
        The local stream reader has one batch of the one shard in flight at a time, as Lambda does with ParallelizationFactor 1.
        """;

    public static IEnumerable<Target> Targets(IReadOnlyList<ProjectionThroughputResult> runs)
    {
        foreach (var run in runs)
        {
            var clients = run.Clients == 1 ? "1 client" : $"{run.Clients} clients";
            if (run.Clients >= KeepPaceFrom)
            {
                // Compared as printed: a pace within half a hundredth of the commands' is keeping pace.
                var ratio = Math.Round(run.Ratio, 2);
                yield return new("7", $"projections/s / commands/s, {clients}", Format.Ratio(run.Ratio), "≥ 1.00×", ratio >= 1.0);
            }
            yield return new("7", $"read model complete after the load, {clients}", $"{run.CatchUp.TotalSeconds:F2} s", "≤ 2 s", run.Missing == 0 && run.CatchUp <= CatchUpGoal);
            yield return new("7", $"projection lag p99 during the load, {clients}", Format.Ms(run.Lag.P99), "≤ 1,000 ms", run.Lag.P99 <= LagP99GoalMs);
        }
    }
}
