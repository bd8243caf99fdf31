namespace Todo.Benchmarks.Abuse;

/// <summary>The abuse benchmark's runs, the first without an abuser, at the template's default limits.</summary>
public sealed record AbuseResult(int UserLimit, int AnonymousLimit, int NormalUsers, IReadOnlyList<AbuseRun> Runs)
{
    public AbuseRun Baseline => Runs[0];
}
