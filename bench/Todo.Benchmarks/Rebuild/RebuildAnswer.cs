namespace Todo.Benchmarks.Rebuild;

/// <summary>What <c>todoctl rebuild --json</c> answers (platform/Todo.Operator/Verbs/RebuildVerb.cs).</summary>
/// <param name="From">The table that was active before, and is kept.</param>
/// <param name="CopySeconds">The Scan, fold and write of every todo; the rest of <paramref name="Seconds"/> is the catch-up and the switch.</param>
/// <param name="Checked">The todos its verify of the rebuilt table, once active, checked; <paramref name="Differences"/> is what that found.</param>
public sealed record RebuildAnswer(string From, string To, long Events, long Todos, int CaughtUp, double CopySeconds, double Seconds, int Checked, int Differences)
{
    public TimeSpan Copied => TimeSpan.FromSeconds(CopySeconds);

    public TimeSpan Elapsed => TimeSpan.FromSeconds(Seconds);
}
