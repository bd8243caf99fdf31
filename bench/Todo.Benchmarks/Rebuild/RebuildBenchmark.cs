using System.Diagnostics;
using Amazon.DynamoDBv2;
using Todo.Benchmarks.Engine;
using Todo.Operator.Rebuild;
using Todo.Operator.Target;
using Todo.Operator.Verification;

namespace Todo.Benchmarks.Rebuild;

/// <param name="RawScans">A parallel segmented Scan of every event, nothing else done with them: before the rebuild and after.</param>
/// <param name="RawWrites">BatchWriteItem of the read items those events give, as many writers as segments: before and after.</param>
/// <param name="Rebuild">What <c>todoctl rebuild</c> reports: the copy, then the catch-up and switch.</param>
/// <param name="Differences">What <c>todoctl verify</c> found on the rebuilt table, once active.</param>
public sealed record RebuildResult(long Events, int Todos, int Segments, (TimeSpan Before, TimeSpan After) RawScans, (TimeSpan Before, TimeSpan After) RawWrites,
    RebuildReport Rebuild, int Checked, int Differences)
{
    /// <summary>The faster of the two: the engine's best, so a rebuild cannot look good by a slow moment of the raw run.</summary>
    public TimeSpan RawScan => RawScans.Before < RawScans.After ? RawScans.Before : RawScans.After;
    public TimeSpan RawWrite => RawWrites.Before < RawWrites.After ? RawWrites.Before : RawWrites.After;
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

        await RawScanAsync(app.DynamoDb, app.Tables.Events, sizes.RebuildEvents); // the engine's and .NET's JIT warm on this one
        var scanBefore = await RawScanAsync(app.DynamoDb, app.Tables.Events, sizes.RebuildEvents);
        // Into the active table: it then holds what the projection would have, as in a live stack whose read model is rebuilt.
        var writeBefore = await RawWriteAsync(app.DynamoDb, app.Tables.Todos, readItems);
        progress($"raw Scan {scanBefore.TotalSeconds:F2} s, raw BatchWriteItem {writeBefore.TotalSeconds:F2} s");

        using var target = new OperatorTarget(EngineClient.Create(app.DynamoDbUrl),
            app.Template.Tables.ToDictionary(t => t.LogicalId, t => t.Create.TableName), "benchmark");
        var report = await new Rebuilder(target, target.Pointer, new RebuildOptions(Segments, null), null).RunAsync(resume: false, CancellationToken.None);
        progress($"rebuild {report.Elapsed.TotalSeconds:F2} s (copy {report.Copied.TotalSeconds:F2} s)");
        var verify = await new Verifier(target).AllAsync(CancellationToken.None);

        // Again after, the table written the one the rebuild left (the same items over again, as the first time).
        var scanAfter = await RawScanAsync(app.DynamoDb, app.Tables.Events, sizes.RebuildEvents);
        var writeAfter = await RawWriteAsync(app.DynamoDb, report.From, readItems);
        progress($"raw Scan {scanAfter.TotalSeconds:F2} s, raw BatchWriteItem {writeAfter.TotalSeconds:F2} s");
        return new RebuildResult(report.Events, readItems.Count, Segments, (scanBefore, scanAfter), (writeBefore, writeAfter), report, verify.Checked, verify.Differences.Count);
    }

    private static async Task<TimeSpan> RawScanAsync(IAmazonDynamoDB dynamoDb, string table, int expected)
    {
        long read = 0;
        var clock = Stopwatch.StartNew();
        await EventItems.ScanAsync(dynamoDb, table, Segments, page => Interlocked.Add(ref read, page.Count), CancellationToken.None);
        clock.Stop();
        return read == expected ? clock.Elapsed : throw new InvalidOperationException($"The raw Scan read {read} events of {expected}.");
    }

    private static async Task<TimeSpan> RawWriteAsync(IAmazonDynamoDB dynamoDb, string table, IReadOnlyList<Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue>> items)
    {
        var clock = Stopwatch.StartNew();
        await BatchWrites.PutAllAsync(dynamoDb, table, items);
        return clock.Elapsed;
    }
}
