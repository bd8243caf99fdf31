using Todo.Benchmarks.Report;

namespace Todo.Benchmarks.Rebuild;

/// <summary>Benchmark 8's section of docs/benchmarks.md and its target.</summary>
public static class RebuildBenchmarkReport
{
    public const string Heading = "## 8. Rebuild";

    private const double Goal = 1.25;

    /// <summary>Marten's published projection rebuild sample on PostgreSQL, for comparison.</summary>
    private const int MartenEventsPerSecond = 8_700;

    public static string Section(RebuildResult r) => $"""
        {Heading}

        `todoctl rebuild --segments {r.Segments}` (no `--rate` cap) run as an operator runs it: `./todoctl`, a process of its own,
        on a local host with a fresh in-memory engine whose events table was seeded straight with BatchWriteItem: {r.Events:N0} events
        of {r.Todos:N0} todos ({RebuildEventSeeder.EventsPerTodo} each: created, renamed, completed, reopened, renamed again; every tenth
        deleted last instead), the projection not running. In the same run, before the rebuild, the engine's raw cost of the
        two things a rebuild cannot do without: a parallel segmented Scan of every event ({r.Segments} segments, consistent reads,
        after one unmeasured Scan to warm the engine), and a BatchWriteItem of the {r.Todos:N0} read items those events give
        ({r.Segments} writers, into the active read table, which then holds what the projection would have); both again after the
        rebuild, and the ratios use the faster of each pair, with the rates it gives. The rebuild copies into the other table,
        catches up on what the active one has newer (nothing here, but it reads that table's keys to know), switches the
        pointer, waits out the pointer's cache in every function ({Time(Todo.Store.ReadTable.ReadPointer.SwitchSettlesWithin)}) and catches up once more;
        its times are the ones todoctl reports. Its process also starts .NET and verifies the rebuilt table.

        {Format.Table(["step", "time", "rate", "/ (raw Scan + raw write)"], [
            ["raw segmented Scan of the events (before / after)", $"{Time(r.RawScans.Before)} / {Time(r.RawScans.After)}", PerSecond(r.Events, r.RawScans.Best, "events"), ""],
            ["raw BatchWriteItem of the read items (before / after)", $"{Time(r.RawWrites.Before)} / {Time(r.RawWrites.After)}", PerSecond(r.Todos, r.RawWrites.Best, "items"), ""],
            ["rebuild: Scan, fold and write (the copy)", Time(r.Rebuild.Copied), PerSecond(r.Events, r.Rebuild.Copied, "events"), Format.Ratio(r.CopyRatio)],
            ["rebuild, whole: copy, catch-up, switch, catch-up", Time(r.Rebuild.Elapsed), PerSecond(r.Events, r.Rebuild.Elapsed, "events"), Format.Ratio(r.Ratio)],
            ["todoctl's process, start to exit: the rebuild and its verify", Time(r.Process), "", ""]])}
        The verify of the rebuilt table, once active: {r.Rebuild.Checked:N0} todos checked, {r.Rebuild.Differences} differences.
        For comparison, Marten's published rebuild sample runs at about {MartenEventsPerSecond:N0} events/s on PostgreSQL.
        """;

    private static string Time(TimeSpan t) => $"{t.TotalSeconds:F2} s";

    private static string PerSecond(long count, TimeSpan t, string what) => $"{count / t.TotalSeconds:N0} {what}/s";

    public static IEnumerable<Target> Targets(RebuildResult? r)
    {
        if (r is null)
            yield break;
        yield return new("8", $"rebuild of {r.Events:N0} events / (raw Scan + raw BatchWriteItem)", Format.Ratio(r.Ratio), $"≤ {Goal:F2}×", r.Ratio <= Goal);
        yield return new("8", "differences `todoctl rebuild`'s verify finds", $"{r.Rebuild.Differences} of {r.Rebuild.Checked:N0} todos", "0", r.Rebuild.Differences == 0);
    }
}
