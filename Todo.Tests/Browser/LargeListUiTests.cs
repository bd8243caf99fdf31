using System.Globalization;
using System.Text.Json;
using Todo.Harness.Browser;
using Todo.Tests.Support;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Todo.Tests.Browser;

/// <summary>
/// 20,000 todos kept by the app (<see cref="TwentyThousandTodosFixture"/>): the first page shows before the rest
/// has been fetched, and scrolling reaches the last one, with every todo rendered once, in order. The times are
/// recorded (in the test output and TestResults/figures/large-list.txt), not asserted: they depend on the machine,
/// and the first-page benchmark (./bench.sh --only first-page) records them in docs/benchmarks.md. The first row's
/// time comes with its steps (the app's scripts, config.json, the first list request, cold and warm), so a slow one
/// shows where its time went.
/// </summary>
[Slow]
public sealed class LargeListUiTests(TwentyThousandTodosFixture app, ChromiumFixture chromium, ITestOutputHelper output)
    : IClassFixture<TwentyThousandTodosFixture>, IClassFixture<ChromiumFixture>
{
    private const int Todos = TwentyThousandTodosFixture.Todos;

    /// <summary>
    /// Scrolls to the end of the document, waits (frame by frame) until more rows are in or the last one is,
    /// and again, as a user holding End would: the time is the app's, without a round trip to the test per step.
    /// </summary>
    private const string ScrollToLast = """
        async (id) => {
          const items = document.getElementsByClassName('todo-item'); // live, and cheap to count again
          const last = () => document.querySelector(`[data-testid="todo-item"][data-id="${id}"]`);
          const frame = () => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve)));
          const start = performance.now();
          let steps = 0;
          while (!last() && steps < 1000) {
            const before = items.length;
            window.scrollTo(0, document.documentElement.scrollHeight);
            steps++;
            for (let waited = performance.now(); items.length === before && performance.now() - waited < 10000;) await frame();
          }
          return { ms: performance.now() - start, steps };
        }
        """;

    [Fact]
    public async Task Twenty_thousand_todos_show_their_first_page_before_the_rest_is_fetched_and_scrolling_reaches_the_last()
    {
        await using var context = await chromium.NewContextAsync(app.App.BaseUrl);
        var page = await context.NewPageAsync();
        var ui = new TodoPage(page);
        await FirstRowProbe.WatchAsync(page);

        await page.GotoAsync("/");
        var firstRow = await FirstRowProbe.ReadAsync(page);
        await Expect(ui.Item(app.Seeded[0].ToString())).ToBeVisibleAsync();
        // 20 more pages on a shared machine: given time, since how long it takes is recorded, not tested.
        await Expect(page.Locator("main[data-load='done']")).ToBeAttachedAsync(new() { Timeout = 180_000 });
        var loadedAt = await page.EvaluateAsync<double>("() => performance.now()");
        var requests = await page.EvaluateAsync<int>("() => performance.getEntriesByType('resource').filter(e => e.name.includes('/api/todos?')).length");

        // The first page (30) and then pages of 1,000: the first rows were on screen after one request of 21.
        Assert.Equal(21, requests);
        Assert.True(firstRow.Fetched < requests, $"The first row appeared after {firstRow.Fetched} of {requests} list requests.");
        await Expect(page.GetByTestId("count-all")).ToHaveTextAsync("20,000");
        await Expect(ui.ItemsLeft).ToHaveTextAsync("20,000 items left");
        // Only the first rows are in the document until scrolling asks for more.
        Assert.InRange(await ui.Items.CountAsync(), 100, 1000);

        var last = ui.Item(app.Seeded[^1].ToString());
        var scrolled = await page.EvaluateAsync<JsonElement>(ScrollToLast, app.Seeded[^1].ToString());
        var steps = scrolled.GetProperty("steps").GetInt32();
        // Every scroll to the end brought more rows, and rows once rendered stay (the tab order never skips one).
        Assert.InRange(steps, 1, Todos / 100);
        await last.ScrollIntoViewIfNeededAsync();
        await Expect(last).ToBeVisibleAsync();
        await Expect(last.GetByTestId("todo-text")).ToHaveTextAsync($"Seeded todo {Todos:N0}");
        Assert.Equal(Todos, await ui.Items.CountAsync());
        Assert.Equal(app.Seeded.Select(id => id.ToString()), await ui.ShownIdsAsync());

        // The first request again, now that the query function is warm: what of the first one was its cold start.
        var warm = await page.EvaluateAsync<double>("""
            async () => {
              const start = performance.now();
              await (await fetch('/api/todos?limit=30')).json();
              return performance.now() - start;
            }
            """);

        var figures = string.Create(CultureInfo.InvariantCulture,
            $"{Todos:N0} todos: first row on screen {firstRow.At:F0} ms after navigation (after {firstRow.Fetched} of {requests} list requests; " +
            $"app scripts in at {firstRow.Script:F0} ms, config.json at {firstRow.Config:F0} ms, first list request {firstRow.ListStart:F0}-{firstRow.ListEnd:F0} ms, " +
            $"{firstRow.ListRequest:F0} ms, the same request warm {warm:F0} ms); " +
            $"all pages in {loadedAt:F0} ms; scrolled to the last in {scrolled.GetProperty("ms").GetDouble():F0} ms ({steps} scroll steps)");
        output.WriteLine(figures);
        var folder = Path.Combine(Repository.Root, "TestResults", "figures");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "large-list.txt"), figures + Environment.NewLine);
        await ui.ScreenshotAsync("twenty-thousand-end", fullPage: false);
    }
}
