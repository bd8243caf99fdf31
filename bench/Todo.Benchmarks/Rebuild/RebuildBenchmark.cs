using System.Diagnostics;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Benchmarks.Engine;
using Todo.Harness.Seeding;

namespace Todo.Benchmarks.Rebuild;

/// <summary>
/// Benchmark 8: <c>todoctl rebuild</c>, run as an operator runs it, on a fresh engine whose events table holds the
/// seeded events, against the engine's raw rates for the two things a rebuild cannot do without, measured in the same run.
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

        using var todoctl = new TodoctlProcess(root, app);
        // A dry run first builds todoctl if its sources changed and proves it reaches this stack, so the timed process is the rebuild's alone.
        await todoctl.RunAsync("rebuild", "--dry-run");
        var (answer, process) = await todoctl.RunAsync("rebuild", "--segments", $"{Segments}");
        var rebuild = answer.Deserialize(BenchmarkJson.Default.RebuildAnswer) ?? throw new JsonException("todoctl rebuild answered null.");
        progress($"rebuild {rebuild.Elapsed.TotalSeconds:F2} s (copy {rebuild.Copied.TotalSeconds:F2} s), todoctl's process {process.TotalSeconds:F2} s");

        // Again after, the table written the one the rebuild left (the same items over again, as the first time).
        var scanAfter = await RawScanAsync(app.DynamoDb, app.Tables.Events, sizes.RebuildEvents);
        var writeAfter = await RawWriteAsync(app.DynamoDb, rebuild.From, readItems);
        progress($"raw Scan {scanAfter.TotalSeconds:F2} s, raw BatchWriteItem {writeAfter.TotalSeconds:F2} s");
        return new RebuildResult(readItems.Count, Segments, new(scanBefore, scanAfter), new(writeBefore, writeAfter), rebuild, process);
    }

    /// <summary>A parallel segmented Scan of every event (consistent reads, as the rebuild's), which only counts them.</summary>
    private static async Task<TimeSpan> RawScanAsync(IAmazonDynamoDB dynamoDb, string table, int expected)
    {
        long read = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Segments).Select(async segment =>
        {
            var request = new ScanRequest { TableName = table, Segment = segment, TotalSegments = Segments, ConsistentRead = true };
            await foreach (var page in dynamoDb.Paginators.Scan(request).Responses)
                Interlocked.Add(ref read, page.Items?.Count ?? 0);
        }));
        clock.Stop();
        return read == expected ? clock.Elapsed : throw new InvalidOperationException($"The raw Scan read {read} events of {expected}.");
    }

    private static async Task<TimeSpan> RawWriteAsync(IAmazonDynamoDB dynamoDb, string table, IReadOnlyList<Dictionary<string, AttributeValue>> items)
    {
        var clock = Stopwatch.StartNew();
        await BatchWrites.PutAllAsync(dynamoDb, table, items);
        return clock.Elapsed;
    }
}
