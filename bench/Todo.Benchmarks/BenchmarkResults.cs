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

/// <summary>The figures of one run; a benchmark left out of the run has none.</summary>
public sealed record BenchmarkResults(
    BenchmarkSizes Sizes,
    CommandCostResult? CommandCost,
    IReadOnlyList<ProjectionLagResult> ProjectionLag,
    ListScalingResult? ListScaling,
    IReadOnlyList<ThroughputResult> Throughput,
    IReadOnlyList<MicroResult> Micro,
    IReadOnlyList<ProjectionThroughputResult> ProjectionThroughput,
    RebuildResult? Rebuild,
    FirstPageResult? FirstPage,
    AbuseResult? Abuse,
    LiveResult? Live);
