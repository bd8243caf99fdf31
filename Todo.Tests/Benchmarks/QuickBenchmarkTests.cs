using Todo.Benchmarks;
using Todo.Benchmarks.Report;
using Todo.Tests.Support;
using Xunit.Abstractions;

namespace Todo.Tests.Benchmarks;

/// <summary>Runs alone, after the parallel tests: its load would slow theirs, and theirs would skew its figures.</summary>
[CollectionDefinition(nameof(QuickBenchmarks), DisableParallelization = true)]
public sealed class QuickBenchmarks;

/// <summary>
/// Every benchmark ./bench.sh runs, in its quick mode, so the benchmark code cannot rot. It checks that
/// each figure is produced and sane, and what must hold whatever the speed (no 5xx, the read model
/// equal to the fold of the events); it is not a timed test.
/// </summary>
[Slow]
[Collection(nameof(QuickBenchmarks))]
public sealed class QuickBenchmarkTests(ITestOutputHelper output)
{
    private static readonly BenchmarkSizes Sizes = BenchmarkSizes.Quick;

    [Fact]
    public async Task Every_benchmark_runs_in_quick_mode_with_sane_figures()
    {
        var load = RunContext.LoadAverage();
        var results = await BenchmarkRun.RunAsync(Repository.Root, Sizes, BenchmarkRun.All, output.WriteLine);
        output.WriteLine(MarkdownReport.Render(results, RunContext.Read(Repository.Root, load), null, []));

        var cost = results.CommandCost!;
        Assert.All(new[] { cost.RawPut, cost.Post, cost.Put, cost.ColdPut }, l => Assert.Equal(Sizes.CommandRounds, l.Count));
        Assert.True(cost.RawPut.Median > 0 && cost.EngineRate.PerSecond > 0);
        Assert.Equal([1, 2, 1, 1, 2], cost.Requests.Select(r => r.Requests.Count));
        Assert.Equal(Sizes.HistoryLengths, cost.History.Lengths.Select(l => l.PriorEvents));
        Assert.All(cost.History.Lengths, l =>
        {
            Assert.All(new[] { l.Cold, l.Warm, l.RawNewest }, latencies => Assert.Equal(Sizes.HistoryRounds, latencies.Count));
            Assert.InRange(l.MostPriorEvents, l.PriorEvents, l.PriorEvents * 1.1 + 2);
        });

        var lag = Assert.Single(results.ProjectionLag);
        Assert.Equal((0, 0), (lag.Failed, lag.NeverVisible));
        Assert.Equal(lag.Commands, lag.Lag.Count);

        var list = results.ListScaling!;
        Assert.Equal((BenchmarkSizes.ListSmall, Sizes.ListLarge), (list.Small.Todos, list.Large.Todos));
        Assert.All(new[] { list.Small, list.Large }, figures => Assert.True(figures.GetById.Median > 0 && figures.WholeListBytes > 0));

        Assert.Equal(Sizes.Clients, results.Throughput.Select(t => t.Clients));
        Assert.All(results.Throughput, run =>
        {
            Assert.True(run.Outcomes.Succeeded > 0);
            Assert.Equal((0, 0), (run.Outcomes.ServerErrors, run.Outcomes.Unanswered));
            Assert.Equal(0, run.Differences);
            Assert.True(run.Todos > 0 && run.HostPeakRssMegabytes > 0 && run.EnginePeakRssMegabytes > 0);
        });

        Assert.Equal(Sizes.ProjectionClients, results.ProjectionThroughput.Select(p => p.Clients));
        Assert.All(results.ProjectionThroughput, run =>
        {
            Assert.True(run.Acknowledged > 0 && run.CommandsPerSecond > 0 && run.ProjectionsPerSecond > 0);
            Assert.Equal((0, 0), (run.Failed, run.Missing));
            Assert.True(run.Lag.Count > 0);
        });

        var rebuild = Assert.IsType<Todo.Benchmarks.Rebuild.RebuildResult>(results.Rebuild);
        Assert.Equal(Sizes.RebuildEvents, rebuild.Events);
        Assert.Equal(Sizes.RebuildEvents / Todo.Benchmarks.Rebuild.RebuildEventSeeder.EventsPerTodo, rebuild.Todos);
        Assert.Equal((rebuild.Todos, 0), (rebuild.Checked, rebuild.Differences));
        Assert.True(rebuild.RawScan > TimeSpan.Zero && rebuild.RawWrite > TimeSpan.Zero && rebuild.Rebuild.Copied < rebuild.Rebuild.Elapsed);

        var firstPage = results.FirstPage!;
        Assert.Equal((Sizes.FirstPageTodos, Sizes.FirstPageLoads - 1), (firstPage.Todos, firstPage.Later.Count));
        // Each load showed its first rows once the first list request had answered, never from nothing.
        Assert.All(firstPage.Later.Prepend(firstPage.AfterStart), l =>
            Assert.True(l.ListStart > 0 && l.ListEnd > l.ListStart && l.At > l.ListEnd && l.Fetched >= 1, $"{l}"));

        Assert.Equal(9, results.Micro.Count);
        Assert.All(results.Micro, m => Assert.True(m.MedianNanoseconds > 0));
    }
}
