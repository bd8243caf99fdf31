using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;
using Todo.Benchmarks.ListScaling;
using Todo.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Todo.Tests.Browser;

/// <summary>
/// 20,000 todos, seeded straight into the read table: the first page shows before the rest has been fetched,
/// and scrolling reaches the last one. The times are recorded (in the test output and
/// TestResults/figures/large-list.txt), not asserted: they depend on the machine.
/// </summary>
[Slow]
public sealed class LargeListUiTests(LocalAppFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : IClassFixture<LocalAppFixture>, IClassFixture<ChromiumFixture>
{
    private const int Todos = 20_000;

    /// <summary>In the page, from its start: when the first row appeared, and how many list requests had completed by then.</summary>
    private const string FirstRowProbe = """
        window.__firstRow = null;
        new MutationObserver((_, observer) => {
          if (!document.querySelector('[data-testid="todo-item"]')) return;
          const fetched = performance.getEntriesByType('resource').filter(e => e.name.includes('/api/todos?')).length;
          window.__firstRow = { at: performance.now(), fetched };
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
        """;

    [Fact]
    public async Task Twenty_thousand_todos_show_their_first_page_before_the_rest_is_fetched_and_scrolling_reaches_the_last()
    {
        var seeder = new ReadTableSeeder(app.App.DynamoDb, app.TodosTable, i => $"Seeded todo {i + 1:N0}");
        await seeder.SeedToAsync(Todos);
        await using var context = await chromium.NewContextAsync(app.App.BaseUrl);
        var page = await context.NewPageAsync();
        var ui = new TodoPage(page);
        await page.AddInitScriptAsync(FirstRowProbe);

        await page.GotoAsync("/");
        await Expect(ui.Item(seeder.Seeded[0].ToString())).ToBeVisibleAsync();
        // 20 more pages on a shared machine: given time, since how long it takes is recorded, not tested.
        await Expect(page.Locator("main[data-load='done']")).ToBeAttachedAsync(new() { Timeout = 180_000 });
        var loadedAt = await page.EvaluateAsync<double>("() => performance.now()");
        var firstRow = await page.EvaluateAsync<JsonElement>("() => window.__firstRow");
        var requests = await page.EvaluateAsync<int>("() => performance.getEntriesByType('resource').filter(e => e.name.includes('/api/todos?')).length");
        var firstRowMs = firstRow.GetProperty("at").GetDouble();

        // The first page (100) and then pages of 1,000: the first rows were on screen after one request of 21.
        Assert.Equal(21, requests);
        Assert.True(firstRow.GetProperty("fetched").GetInt32() < requests, $"The first row appeared after {firstRow.GetProperty("fetched")} of {requests} list requests.");
        await Expect(page.GetByTestId("count-all")).ToHaveTextAsync("20,000");
        await Expect(ui.ItemsLeft).ToHaveTextAsync("20,000 items left");
        // Only the first rows are in the document until scrolling asks for more.
        Assert.InRange(await ui.Items.CountAsync(), 100, 1000);

        var last = ui.Item(seeder.Seeded[^1].ToString());
        var scrolling = Stopwatch.StartNew();
        var steps = 0;
        while (await last.CountAsync() == 0 && steps++ < 1000)
        {
            await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
            await page.WaitForTimeoutAsync(20);
        }
        await last.ScrollIntoViewIfNeededAsync();
        await Expect(last).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Expect(last.GetByTestId("todo-text")).ToHaveTextAsync($"Seeded todo {Todos:N0}");
        scrolling.Stop();
        Assert.Equal(Todos, await ui.Items.CountAsync());

        var figures = string.Create(CultureInfo.InvariantCulture,
            $"{Todos:N0} todos: first row on screen {firstRowMs:F0} ms after navigation (after {firstRow.GetProperty("fetched")} of {requests} list requests); " +
            $"all pages in {loadedAt:F0} ms; scrolled to the last in {scrolling.ElapsedMilliseconds} ms ({steps} scroll steps)");
        output.WriteLine(figures);
        var folder = Path.Combine(Repository.Root, "TestResults", "figures");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "large-list.txt"), figures + Environment.NewLine);
        await ui.ScreenshotAsync("twenty-thousand-end", fullPage: false);
    }
}
