using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Todo.Benchmarks.Micro;

/// <summary>A micro-benchmark's figures per operation, and per event (an operation handles <see cref="Events"/> events).</summary>
public sealed record MicroResult(string Name, int Events, double MedianNanoseconds, double BytesAllocated)
{
    public double NanosecondsPerEvent => MedianNanoseconds / Events;
    public double BytesPerEvent => BytesAllocated / Events;
}

/// <summary>Runs the BenchmarkDotNet classes in this process (no generated projects to build) and reads their summaries.</summary>
public static class MicroBenchmarks
{
    // The default job iterates until the spread settles, which on a shared machine took 14 minutes for these nine.
    private static readonly Job Full = Job.Default.WithWarmupCount(5).WithIterationCount(15).WithIterationTime(TimeInterval.FromMilliseconds(250));

    public const string FullJobDescription = "5 warm-up and 15 measured iterations of 250 ms each";

    public static IReadOnlyList<MicroResult> Run(BenchmarkSizes sizes, string artifactsFolder)
    {
        var config = ManualConfig.CreateEmpty()
            .AddJob((sizes.MicroDry ? Job.Dry : Full).WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddLogger(NullLogger.Instance)
            .WithArtifactsPath(artifactsFolder)
            // The dry job measures nothing, so a Debug build (dotnet test without -c Release) may run it too.
            .WithOptions(sizes.MicroDry ? ConfigOptions.DisableOptimizationsValidator : ConfigOptions.Default);
        return BenchmarkRunner.Run([typeof(EventCodecBenchmarks), typeof(FoldBenchmarks)], config)
            .SelectMany(summary => summary.Reports)
            .Select(report =>
            {
                var benchmark = report.BenchmarkCase;
                var parameter = benchmark.Parameters.Items.Single();
                var events = parameter.Value is int count ? count : 1;
                var name = $"{benchmark.Descriptor.Type.Name.Replace("Benchmarks", "")}.{benchmark.Descriptor.WorkloadMethod.Name} ({parameter.Name} = {parameter.Value})";
                return new MicroResult(name, events,
                    report.ResultStatistics?.Median ?? throw new InvalidOperationException($"{name} produced no measurements."),
                    report.GcStats.GetBytesAllocatedPerOperation(benchmark) ?? 0);
            })
            .ToList();
    }
}
