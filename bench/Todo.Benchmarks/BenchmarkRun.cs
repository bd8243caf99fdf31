using System.Diagnostics;
using Todo.Benchmarks.Abuse;
using Todo.Benchmarks.CommandCost;
using Todo.Benchmarks.FirstPage;
using Todo.Benchmarks.ListScaling;
using Todo.Benchmarks.Live;
using Todo.Benchmarks.Micro;
using Todo.Benchmarks.ProjectionLag;
using Todo.Benchmarks.ProjectionThroughput;
using Todo.Benchmarks.Rebuild;
using Todo.Benchmarks.Throughput;

namespace Todo.Benchmarks;

/// <summary>Runs the benchmarks one after another, each on engines of its own.</summary>
public static class BenchmarkRun
{
    public const string CommandCost = "command-cost";
    public const string ProjectionLag = "projection-lag";
    public const string ListScaling = "list-scaling";
    public const string Throughput = "throughput";
    public const string Micro = "micro";
    public const string ProjectionThroughput = "projection-throughput";
    public const string Rebuild = "rebuild";
    public const string FirstPage = "first-page";
    public const string Abuse = "abuse";
    public const string Live = "live";

    public static readonly IReadOnlyList<string> All = [CommandCost, ProjectionLag, ListScaling, Throughput, ProjectionThroughput, Rebuild, FirstPage, Abuse, Live, Micro];

    /// <param name="root">The repository: template.yaml and tools/dynamodb-local.</param>
    /// <param name="progress">Told what starts and how long it took.</param>
    public static async Task<BenchmarkResults> RunAsync(string root, BenchmarkSizes sizes, IReadOnlyCollection<string> only, Action<string> progress)
    {
        async Task<T?> Step<T>(string name, Func<Task<T>> run) where T : class
        {
            if (!only.Contains(name))
                return null;
            progress($"{name}: running ({sizes.Mode})");
            var started = Stopwatch.GetTimestamp();
            var result = await run();
            progress($"{name}: done in {Stopwatch.GetElapsedTime(started).TotalSeconds:F0} s");
            return result;
        }

        var commandCost = await Step(CommandCost, () => CommandCostBenchmark.RunAsync(root, sizes, line => progress($"{CommandCost}: {line}")));
        var lag = await Step(ProjectionLag, async () =>
        {
            var results = new List<ProjectionLagResult>();
            foreach (var interval in sizes.LagPollIntervals)
                results.Add(await ProjectionLagBenchmark.RunAsync(root, sizes, interval));
            return results;
        });
        var list = await Step(ListScaling, () => ListScalingBenchmark.RunAsync(root, sizes));
        var throughput = await Step(Throughput, () => ThroughputBenchmark.RunAsync(root, sizes));
        var projection = await Step(ProjectionThroughput, () => ProjectionThroughputBenchmark.RunAsync(root, sizes));
        var rebuild = await Step(Rebuild, () => RebuildBenchmark.RunAsync(root, sizes, line => progress($"{Rebuild}: {line}")));
        var firstPage = await Step(FirstPage, () => FirstPageBenchmark.RunAsync(root, sizes));
        var abuse = await Step(Abuse, () => AbuseBenchmark.RunAsync(root, sizes));
        var live = await Step(Live, () => LiveBenchmark.RunAsync(root, sizes, line => progress($"{Live}: {line}")));
        var micro = await Step(Micro, () => Task.FromResult(MicroBenchmarks.Run(sizes, Path.Combine(root, ".local", "bench-artifacts"))));
        return new BenchmarkResults(sizes, commandCost, lag ?? [], list, throughput ?? [], micro ?? [], projection ?? [], rebuild, firstPage, abuse, live);
    }
}
