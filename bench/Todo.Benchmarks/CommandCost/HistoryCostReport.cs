using Todo.Benchmarks.Report;

namespace Todo.Benchmarks.CommandCost;

/// <summary>The history part of benchmark 1's section in docs/benchmarks.md.</summary>
public static class HistoryCostReport
{
    public static string Render(BenchmarkSizes sizes, HistoryCostResult history)
    {
        var shortest = history.Shortest;
        var rawPut = history.RawPut.Median;
        var rows = history.Lengths.Select(l => (IReadOnlyList<string>)[
            $"{l.PriorEvents:N0}" + (l.MostPriorEvents > l.PriorEvents ? $" (to {l.MostPriorEvents:N0})" : ""),
            $"{l.Todos:N0}",
            Format.Ms(l.Cold.Median), Format.Ratio(history.ColdRatio(l)),
            Format.Ms(l.Warm.Median), Format.Ratio(history.WarmRatio(l)), Format.Ratio(l.Warm.Median / rawPut),
            Format.Ms(l.RawNewest.Median)]);
        return $"""
            ### PUT against the length of the todo's history

            Todos seeded straight into the events table with BatchWriteItem, as the functions write them (a
            TodoCreated, then text changes; every item with its snapshot), the projection let apply them all, then
            {sizes.HistoryRounds} rounds, each timing, interleaved, a raw conditional PutItem ({Format.Ms(rawPut)} p50, {Format.Ms(history.RawPut.P99)} p99) and, on a
            todo of each length (the todos of a length taken in turn, so that the PUTs lengthen each by at most a
            tenth), two PUTs through a new instance of the update function invoked directly on the same client: the
            cold one (its instance's first: Query for the newest item, then the PutItem) and the warm one (decided on
            the snapshot the first left in the instance's cache: the PutItem alone). No HTTP here, so these figures
            compare the commands alone and are lower than the PUTs above.

            {Format.Table(["prior events", "todos", "cold PUT p50", $"/ at {shortest.PriorEvents:N0}", "warm PUT p50", $"/ at {shortest.PriorEvents:N0}", "warm / raw PutItem", "raw Query, newest item, p50"], rows)}
            """;
    }
}
