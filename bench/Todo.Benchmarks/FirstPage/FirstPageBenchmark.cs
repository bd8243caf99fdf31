using Todo.Benchmarks.Engine;
using Todo.Benchmarks.Measuring;
using Todo.Harness.Seeding;
using Todo.Harness.Browser;

namespace Todo.Benchmarks.FirstPage;

/// <summary>The first row's time on each load: the first right after the host started, then the others.</summary>
public sealed record FirstPageResult(int Todos, FirstRow AfterStart, IReadOnlyList<FirstRow> Later)
{
    public Latencies LaterFirstRows { get; } = Of(Later.Select(l => l.At));

    public Latencies LaterListRequests { get; } = Of(Later.Select(l => l.ListRequest));

    private static Latencies Of(IEnumerable<double> samples)
    {
        var latencies = new Latencies();
        foreach (var sample in samples)
            latencies.Add(sample);
        return latencies;
    }
}

/// <summary>
/// Opens the web app in Chromium on a host that keeps many todos, as a user does who runs ./run.sh again on what
/// .local/data kept: the read table is seeded straight with BatchWriteItem on a host with a data folder, and the
/// host is restarted on it. Each load is a fresh browser context (nothing cached), and waits until every page of
/// the list is in before the next starts.
/// </summary>
public static class FirstPageBenchmark
{
    public static async Task<FirstPageResult> RunAsync(string root, BenchmarkSizes sizes)
    {
        var data = Directory.CreateTempSubdirectory("todo-bench-data-");
        try
        {
            await using (var seeding = await FreshApp.StartAsync(root, dataFolder: data.FullName))
                await new ReadTableSeeder(seeding.DynamoDb, seeding.Tables.Todos).SeedToAsync(sizes.FirstPageTodos);
            await using var app = await FreshApp.StartAsync(root, dataFolder: data.FullName);
            await using var chromium = await Chromium.LaunchAsync();
            var loads = new List<FirstRow>();
            for (var i = 0; i < sizes.FirstPageLoads; i++)
                loads.Add(await LoadAsync(chromium, app.BaseUrl));
            return new FirstPageResult(sizes.FirstPageTodos, loads[0], loads[1..]);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static async Task<FirstRow> LoadAsync(Chromium chromium, Uri baseUrl)
    {
        await using var context = await chromium.NewContextAsync(baseUrl);
        var page = await context.NewPageAsync();
        await FirstRowProbe.WatchAsync(page);
        await page.GotoAsync("/");
        var row = await FirstRowProbe.ReadAsync(page);
        await page.Locator("main[data-load='done']").WaitForAsync(new() { State = Microsoft.Playwright.WaitForSelectorState.Attached, Timeout = 180_000 });
        return row;
    }
}
