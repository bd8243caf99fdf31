namespace Todo.Benchmarks.Report;

/// <summary>A figure next to its target.</summary>
public sealed record Target(string Benchmark, string What, string Measured, string Goal, bool Met);

public static class Targets
{
    public static IReadOnlyList<Target> Of(BenchmarkResults results)
    {
        var targets = new List<Target>();
        if (results.CommandCost is { } cost)
        {
            targets.Add(new("1", "POST p50 / raw conditional PutItem p50", Format.Ratio(cost.PostRatio), "≤ 1.5×", cost.PostRatio <= 1.5));
            targets.Add(new("1", "PUT (warm) p50 / raw conditional PutItem p50", Format.Ratio(cost.PutRatio), "≤ 1.5×", cost.PutRatio <= 1.5));
            var history = cost.History;
            foreach (var (length, goal) in history.Lengths.Skip(1).Zip([1.2, 1.3]))
            {
                var at = $"at {length.PriorEvents:N0} / at {history.Shortest.PriorEvents:N0} prior events";
                targets.Add(new("1", $"PUT (cold) p50 {at}", Format.Ratio(history.ColdRatio(length)), $"≤ {goal:F1}×", history.ColdRatio(length) <= goal));
                targets.Add(new("1", $"PUT (warm) p50 {at}", Format.Ratio(history.WarmRatio(length)), $"≤ {goal:F1}×", history.WarmRatio(length) <= goal));
            }
            foreach (var command in cost.Requests.Where(r => !r.IsRead && !r.Command.StartsWith("delete", StringComparison.Ordinal)))
            {
                var goal = command.Warm || command.Command.StartsWith("create", StringComparison.Ordinal) ? 1 : 2;
                targets.Add(new("1", $"DynamoDB requests per {command.Command}", $"{command.Requests.Count}", $"{goal}", command.Requests.Count == goal));
            }
        }
        foreach (var lag in results.ProjectionLag)
        {
            var cadence = $"stream polled every {lag.StreamPollInterval.TotalMilliseconds:F0} ms";
            targets.Add(new("2", $"projection lag p50, {cadence}", Format.Ms(lag.Lag.Median), "≤ 30 ms", lag.Lag.Median <= 30));
            targets.Add(new("2", $"projection lag p99, {cadence}", Format.Ms(lag.Lag.P99), "≤ 100 ms", lag.Lag.P99 <= 100));
        }
        if (results.ListScaling is { } list)
        {
            targets.Add(new("3", $"GET /api/todos?limit=50 p50 at {list.Large.Todos:N0} / at {list.Small.Todos:N0} todos",
                Format.Ratio(list.PageRatio) + (list.LimitHonoured ? "" : " (no paging: whole list)"), "≤ 1.5×", list.LimitHonoured && list.PageRatio <= 1.5));
        }
        foreach (var run in results.Throughput)
        {
            var clients = run.Clients == 1 ? "1 client" : $"{run.Clients} clients";
            targets.Add(new("4", $"5xx answers, {clients}", $"{run.Outcomes.ServerErrors} of {run.Outcomes.Answered:N0}", "0", run.Outcomes.ServerErrors == 0));
            targets.Add(new("4", $"read items unlike the fold of their events, {clients}", $"{run.Differences} of {run.Todos:N0} todos", "0", run.Differences == 0));
        }
        targets.AddRange(ProjectionThroughput.ProjectionThroughputReport.Targets(results.ProjectionThroughput));
        targets.AddRange(Rebuild.RebuildBenchmarkReport.Targets(results.Rebuild));
        targets.AddRange(FirstPage.FirstPageReport.Targets(results.FirstPage));
        targets.AddRange(Abuse.AbuseReport.Targets(results.Abuse));
        targets.AddRange(Live.LiveReport.Targets(results.Live));
        return targets;
    }
}
