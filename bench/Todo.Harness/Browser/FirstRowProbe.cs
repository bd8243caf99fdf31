using System.Text.Json;
using Microsoft.Playwright;

namespace Todo.Harness.Browser;

/// <summary>
/// Watches a page, from before its first script runs, for the list's first row. It is read once it is there,
/// by polling a variable every 50 ms: Playwright's own visibility checks run in the page and would compete with
/// the app for its main thread while it is being timed.
/// </summary>
public static class FirstRowProbe
{
    private const string Script = """
        window.__firstRow = null;
        new MutationObserver((_, observer) => {
          if (!document.querySelector('[data-testid="todo-item"]')) return;
          const resources = performance.getEntriesByType('resource');
          const lists = resources.filter(e => e.name.includes('/api/todos?'));
          const scripts = resources.filter(e => e.name.endsWith('.js'));
          const config = resources.find(e => e.name.endsWith('/config.json'));
          window.__firstRow = {
            at: performance.now(), fetched: lists.length,
            script: Math.max(-1, ...scripts.map(e => e.responseEnd)), config: config?.responseEnd ?? -1,
            listStart: lists[0]?.startTime ?? -1, listEnd: lists[0]?.responseEnd ?? -1,
          };
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
        """;

    /// <summary>Call before the page navigates.</summary>
    public static Task WatchAsync(IPage page) => page.AddInitScriptAsync(Script);

    public static async Task<FirstRow> ReadAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.__firstRow !== null", null, new() { PollingInterval = 50, Timeout = 60_000 });
        var row = await page.EvaluateAsync<JsonElement>("() => window.__firstRow");
        double At(string step) => row.GetProperty(step).GetDouble();
        return new FirstRow(At("at"), row.GetProperty("fetched").GetInt32(), At("script"), At("config"), At("listStart"), At("listEnd"));
    }
}
