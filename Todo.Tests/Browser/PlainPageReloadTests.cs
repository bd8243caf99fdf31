using Microsoft.Playwright;
using Todo.Tests.Support;

namespace Todo.Tests.Browser;

/// <summary>
/// A page as plain as the original app's UI, on the app's origin: nothing but <c>fetch</c>, no header of its own, the
/// whole list read again after each change, completed todos cleared all at once. Each change is followed by a reload,
/// with the projection running as in ./run.sh; only the cookie the commands set can make those reads show the change
/// before the projection has applied it. Twenty runs in a row, and not one list may be stale.
/// </summary>
[Slow]
public sealed class PlainPageReloadTests(LocalAppFixture app, ChromiumFixture chromium)
    : PageTests(app, chromium), IClassFixture<LocalAppFixture>, IClassFixture<ChromiumFixture>
{
    private const int Runs = 20;

    private const string Page = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><title>Todos</title></head>
        <body>
          <ul id="list"></ul>
          <script>
            const json = { 'Content-Type': 'application/json' };
            async function load() {
              const todos = await (await fetch('/api/todos')).json();
              document.getElementById('list').replaceChildren(...todos.map((todo) => {
                const item = document.createElement('li');
                item.textContent = `${todo.text}|${todo.completed}`;
                return item;
              }));
              document.body.dataset.loaded = 'true';
            }
            window.todos = {
              add: async (text) => { const r = await fetch('/api/todos', { method: 'POST', headers: json, body: JSON.stringify({ text }) }); await load(); return (await r.json()).id; },
              edit: async (id, text) => { await fetch(`/api/todos/${id}`, { method: 'PUT', headers: json, body: JSON.stringify({ text }) }); await load(); },
              toggle: async (id, completed) => { await fetch(`/api/todos/${id}`, { method: 'PUT', headers: json, body: JSON.stringify({ completed }) }); await load(); },
              remove: async (id) => { await fetch(`/api/todos/${id}`, { method: 'DELETE' }); await load(); },
              clearCompleted: async () => {
                const todos = await (await fetch('/api/todos')).json();
                await Promise.allSettled(todos.filter((t) => t.completed).map((t) => fetch(`/api/todos/${t.id}`, { method: 'DELETE' })));
                await load();
              },
            };
            load();
          </script>
        </body></html>
        """;

    [Fact]
    public async Task Every_change_shows_in_the_list_read_on_the_reload_right_after_it()
    {
        var page = Ui.Page;
        await page.RouteAsync("**/plain.html", route => route.FulfillAsync(new RouteFulfillOptions { ContentType = "text/html", Body = Page }));
        await page.GotoAsync("/plain.html");
        var stale = new List<string>();

        async Task StepAsync(string what, string script, string[] expected, object? argument = null)
        {
            await page.EvaluateAsync(script, argument);
            await page.ReloadAsync();
            await page.WaitForSelectorAsync("body[data-loaded]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
            var shown = await page.Locator("#list li").AllTextContentsAsync();
            if (!shown.SequenceEqual(expected))
                stale.Add($"{what}: [{string.Join(", ", shown)}], not [{string.Join(", ", expected)}]");
        }

        for (var run = 0; run < Runs; run++)
        {
            var ids = new Dictionary<string, string>();
            foreach (var name in new[] { "a", "b", "c" })
            {
                ids[name] = await page.EvaluateAsync<string>("text => window.todos.add(text)", $"{name}{run}");
                await page.ReloadAsync();
                await page.WaitForSelectorAsync("body[data-loaded]", new PageWaitForSelectorOptions { State = WaitForSelectorState.Attached });
                var shown = await page.Locator("#list li").AllTextContentsAsync();
                if (!shown.Contains($"{name}{run}|false"))
                    stale.Add($"add {name}{run}: [{string.Join(", ", shown)}]");
            }
            await StepAsync("edit", "([id, text]) => window.todos.edit(id, text)", [$"a{run}!|false", $"b{run}|false", $"c{run}|false"], new[] { ids["a"], $"a{run}!" });
            await StepAsync("toggle b", "id => window.todos.toggle(id, true)", [$"a{run}!|false", $"b{run}|true", $"c{run}|false"], ids["b"]);
            await StepAsync("toggle c", "id => window.todos.toggle(id, true)", [$"a{run}!|false", $"b{run}|true", $"c{run}|true"], ids["c"]);
            await StepAsync("clear completed", "() => window.todos.clearCompleted()", [$"a{run}!|false"]);
            await StepAsync("delete", "id => window.todos.remove(id)", [], ids["a"]);
        }

        Assert.Empty(stale);
    }
}
