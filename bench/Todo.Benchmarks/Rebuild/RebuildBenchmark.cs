using System.Diagnostics;
using Amazon.DynamoDBv2;
using Todo.Benchmarks.Engine;
using Todo.Operator.Rebuild;
using Todo.Operator.Target;
using Todo.Operator.Verification;

namespace Todo.Benchmarks.Rebuild;

/// <param name="RawScan">A parallel segmented Scan of every event, nothing else done with them.</param>
/// <param name="RawWrite">BatchWriteItem of the read items those events give, as many writers as segments.</param>
/// <param name="Rebuild">What <c>todoctl rebuild</c> reports: the copy, then the catch-up and switch.</param>
/// <param name="Differences">What <c>todoctl verify</c> found on the rebuilt table, once active.</param>
public sealed record RebuildResult(long Events, int Todos, int Segments, TimeSpan RawScan, TimeSpan RawWrite, RebuildReport Rebuild, int Checked, int Differences)
{
    public TimeSpan RawTotal => RawScan + RawWrite;
    public double CopyRatio => Rebuild.Copied / RawTotal;
    public double Ratio => Rebuild.Elapsed / RawTotal;
    public double EventsPerSecond => Events / Rebuild.Elapsed.TotalSeconds;
}

/// <summary>
/// Benchmark 8: <c>todoctl rebuild</c>'s own code on a fresh engine whose events table holds the seeded events,
/// against the engine's raw rates for the two things a rebuild cannot do without, measured in the same run.
/// </summary>
public static class RebuildBenchmark
{
    public const int Segments = 4;

    public static async Task<RebuildResult> RunAsync(string root, BenchmarkSizes sizes, Action<string> progress)
    {
        // The stream is not read: the seeded events are the history of a read model that is to be rebuilt, not news to project.
        await using var app = await FreshApp.StartAsync(root, streamPollInterval: TimeSpan.FromHours(1));
        var readItems = await RebuildEventSeeder.SeedAsync(app.DynamoDb, app.Tables.Events, sizes.RebuildEvents);
        progress($"seeded {sizes.RebuildEvents:N0} events of {readItems.Count:N0} todos");

        await RawScanAsync(app.DynamoDb, app.Tables.Events); // the engine's and .NET's JIT warm on this one
        var scan = Stopwatch.StartNew();
        var scanned = await RawScanAsync(app.DynamoDb, app.Tables.Events);
        scan.Stop();
        if (scanned != sizes.RebuildEvents)
            throw new InvalidOperationException($"The raw Scan read {scanned} events of {sizes.RebuildEvents}.");
        // Into the active table: it then holds what the projection would have, as in a live stack whose read model is rebuilt.
        var write = Stopwatch.StartNew();
        await BatchWrites.PutAllAsync(app.DynamoDb, app.Tables.Todos, readItems);
        write.Stop();
        progress($"raw Scan {scan.Elapsed.TotalSeconds:F2} s, raw BatchWriteItem {write.Elapsed.TotalSeconds:F2} s");

        using var target = new OperatorTarget(EngineClient.Create(app.DynamoDbUrl),
            app.Template.Tables.ToDictionary(t => t.LogicalId, t => t.Create.TableName), "benchmark");
        var report = await new Rebuilder(target, target.Pointer, new RebuildOptions(Segments, null), null).RunAsync(resume: false, CancellationToken.None);
        var verify = await new Verifier(target).AllAsync(CancellationToken.None);
        return new RebuildResult(report.Events, readItems.Count, Segments, scan.Elapsed, write.Elapsed, report, verify.Checked, verify.Differences.Count);
    }

    /// <returns>How many items it read.</returns>
    private static async Task<long> RawScanAsync(IAmazonDynamoDB dynamoDb, string table)
    {
        long read = 0;
        await EventItems.ScanAsync(dynamoDb, table, Segments, page => Interlocked.Add(ref read, page.Count), CancellationToken.None);
        return read;
    }
}
