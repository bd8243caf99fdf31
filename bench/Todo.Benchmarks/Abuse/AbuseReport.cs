using Todo.Benchmarks.Report;

namespace Todo.Benchmarks.Abuse;

/// <summary>Benchmark 10's section of docs/benchmarks.md and its targets.</summary>
public static class AbuseReport
{
    public const string Heading = "## 10. One client over its limit";

    private const double GoalRatio = 1.5;

    public static string Section(AbuseResult r) => $"""
        {Heading}

        The local host in this process with sign-in and the template's default limits ({r.UserLimit} requests a minute per
        signed-in user, {r.AnonymousLimit} per anonymous address), which it applies as the stage's AWS WAF rules do.
        {r.NormalUsers} signed-in users each send a request every half second (create, complete, read it, read the list's
        first page) for {Format.Seconds(r.Baseline.Duration)}, each from an address of its own in 127.0.0.0/8, after a sixth of
        that unmeasured to warm the functions up. Then the
        same again while one client sends {AbuseBenchmark.Overload} times its limit, evenly paced: first anonymously from
        an address of its own (the API description, the one route without a token), then signed in (its list).

        {Format.Table(["abuser", "its requests", "its 429s", "normal requests", "normal 429s", "other normal failures", "normal p50", "normal p99", "p99 / without"],
            r.Runs.Select(run => (IReadOnlyList<string>)[run.Abuser, $"{run.AbuserRequests:N0} ({run.AbuserPerMinute:N0}/min)", $"{run.AbuserTooMany:N0}",
                $"{run.NormalRequests:N0}", $"{run.NormalTooMany}", $"{run.NormalFailed}", Format.Ms(run.Normal.Median), Format.Ms(run.Normal.P99),
                Format.Ratio(run.Normal.P99 / r.Baseline.Normal.P99)]))}
        """;

    public static IEnumerable<Target> Targets(AbuseResult? r)
    {
        if (r is null)
            yield break;
        foreach (var run in r.Runs.Skip(1))
        {
            yield return new("10", $"normal users' 429s, abuser: {run.Abuser}", $"{run.NormalTooMany}", "0", run.NormalTooMany == 0);
            var ratio = run.Normal.P99 / r.Baseline.Normal.P99;
            yield return new("10", $"normal users' p99 / without an abuser, abuser: {run.Abuser}", Format.Ratio(ratio), $"≤ {GoalRatio:F1}×", ratio <= GoalRatio);
        }
    }
}
