using Todo.Benchmarks.Report;
using Todo.Harness.Browser;

namespace Todo.Benchmarks.FirstPage;

/// <summary>Benchmark 9's section of docs/benchmarks.md and its targets.</summary>
public static class FirstPageReport
{
    public const string Heading = "## 9. First page in the browser";

    private const double GoalMs = 1000;

    public static string Section(FirstPageResult r) => $"""
        {Heading}

        The production build of the web app in headless Chromium (Debian's), on a local host restarted on a data
        folder whose read table holds {r.Todos:N0} todos (seeded straight with BatchWriteItem), as a second `./run.sh`
        finds what .local/data kept. The first row's time runs from the navigation's start until the row is in the
        document; each of the {r.Later.Count + 1} loads is a fresh browser context, nothing cached, and the first is
        the first after the host's start (whose warm-up has run each GET route once). The steps come from the page's resource timing: when the
        last of the app's scripts was in, config.json, and the first list request (`?limit=` the first page's size).

        {Format.Table(["load", "first row", "scripts in", "config.json in", "first list request"], [
            Row("first after the host's start", r.AfterStart),
            .. r.Later.Select((l, i) => Row($"{i + 2}", l))])}
        Loads 2 to {r.Later.Count + 1}: first row p50 {Format.Ms(r.LaterFirstRows.Median)}, slowest {Format.Ms(r.LaterFirstRows.Percentile(1))}; first list request
        p50 {Format.Ms(r.LaterListRequests.Median)}.
        """;

    private static IReadOnlyList<string> Row(string load, FirstRow l) =>
        [load, Format.Ms(l.At), Format.Ms(l.Script), Format.Ms(l.Config), $"{Format.Ms(l.ListStart)} to {Format.Ms(l.ListEnd)} ({Format.Ms(l.ListRequest)})"];

    public static IEnumerable<Target> Targets(FirstPageResult? r)
    {
        if (r is null)
            yield break;
        var goal = $"≤ {GoalMs:N0} ms";
        yield return new("9", $"first row on screen, {r.Todos:N0} todos, first load after the host's start", Format.Ms(r.AfterStart.At), goal, r.AfterStart.At <= GoalMs);
        yield return new("9", $"first row on screen, {r.Todos:N0} todos, p50 of {r.Later.Count} later loads", Format.Ms(r.LaterFirstRows.Median), goal, r.LaterFirstRows.Median <= GoalMs);
    }
}
