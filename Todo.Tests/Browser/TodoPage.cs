using System.Text.Json;
using Microsoft.Playwright;
using Todo.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Todo.Tests.Browser;

/// <summary>The web app's page as the browser tests drive it: its parts by test id, and the steps a user takes.</summary>
public sealed class TodoPage(IPage page)
{
    public IPage Page => page;

    public ILocator Items => page.GetByTestId("todo-item");

    public ILocator Item(string id) => page.Locator($"[data-testid='todo-item'][data-id='{id}']");

    public ILocator TextOf(string id) => Item(id).GetByTestId("todo-text");

    public ILocator ItemsLeft => page.GetByTestId("items-left");

    public ILocator Error => page.GetByTestId("error-message");

    public ILocator Input => page.GetByTestId("new-todo-input");

    /// <summary>Opens the app and waits until every page of the list is in.</summary>
    public async Task OpenAsync(string path = "/")
    {
        await page.GotoAsync(path);
        await LoadedAsync();
    }

    public async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await LoadedAsync();
    }

    public Task LoadedAsync() => Expect(page.Locator("main[data-load='done']")).ToBeAttachedAsync();

    /// <summary>Adds a todo through the form and returns its id, once the server has answered (the row is no longer pending).</summary>
    public async Task<string> AddAsync(string text, bool submitWithEnter = true)
    {
        await Input.FillAsync(text);
        if (submitWithEnter)
            await Input.PressAsync("Enter");
        else
            await page.GetByTestId("add-button").ClickAsync();

        var item = Items.Filter(new LocatorFilterOptions { HasText = text }).And(page.Locator("[data-pending='false']"));
        await Expect(item).ToHaveCountAsync(1);
        await Expect(Input).ToHaveValueAsync("");
        return await item.GetAttributeAsync("data-id") ?? throw new InvalidOperationException("A todo item has no data-id.");
    }

    /// <summary>The checkbox flips before the server answers, so this waits for the answer itself.</summary>
    public async Task ToggleAsync(string id)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => Item(id).GetByTestId("todo-toggle").ClickAsync(),
            r => r.Request.Method == "PUT" && r.Url.EndsWith($"/api/todos/{id}", StringComparison.Ordinal));
        Assert.True(response.Ok, $"PUT /api/todos/{id} answered {response.Status}");
    }

    public async Task<ILocator> StartEditingAsync(string id)
    {
        await TextOf(id).DblClickAsync();
        var editor = Item(id).GetByTestId("todo-edit-input");
        await Expect(editor).ToBeFocusedAsync();
        return editor;
    }

    /// <summary>Saves an edit with Enter and waits for the server's answer to the PUT.</summary>
    public async Task<IResponse> SaveEditAsync(ILocator editor, string id) =>
        await page.RunAndWaitForResponseAsync(() => editor.PressAsync("Enter"),
            r => r.Request.Method == "PUT" && r.Url.EndsWith($"/api/todos/{id}", StringComparison.Ordinal));

    /// <summary>The live status: whether changes made elsewhere show at once (<c>data-live</c>) and how many changes wait to be sent.</summary>
    public ILocator LiveStatus => page.GetByTestId("live-status");

    public Task LiveAsync() => Expect(LiveStatus).ToHaveAttributeAsync("data-live", "live");

    /// <summary>Waits until no change made offline waits to be sent.</summary>
    public Task SentAsync() => Expect(LiveStatus).ToHaveAttributeAsync("data-queued", "0", new() { Timeout = 30_000 });

    /// <summary>Waits until the service worker has installed the app shell, so that the next load works offline.</summary>
    public Task ShellCachedAsync() => page.EvaluateAsync("async () => { await navigator.serviceWorker.ready; }");

    /// <summary>Signs in through the form and waits until the list is in.</summary>
    public async Task SignInAsync(string email, string password)
    {
        await page.GetByLabel("E-mail address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByTestId("auth-submit").ClickAsync();
        await Expect(page.GetByTestId("signed-in-as")).ToHaveTextAsync($"Signed in as {email}");
        await LoadedAsync();
    }

    /// <summary>Each row shown, as "id completed text".</summary>
    public Task<string[]> ShownRowsAsync() => Items.EvaluateAllAsync<string[]>(
        "items => items.map(item => `${item.dataset.id} ${item.dataset.completed} ${item.querySelector('[data-testid=todo-text]').textContent}`)");

    public Task<string[]> ShownIdsAsync() => Items.EvaluateAllAsync<string[]>("items => items.map(item => item.dataset.id)");

    /// <summary>Presses Tab until <paramref name="target"/> has the focus: keyboard-only use, without assuming every stop on the way.</summary>
    public async Task TabToAsync(ILocator target, int atMost = 40)
    {
        for (var i = 0; i < atMost; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement"))
                return;
            await page.Keyboard.PressAsync("Tab");
        }
        await Expect(target).ToBeFocusedAsync();
    }

    /// <summary>Saves a full-page screenshot of a state into the run's (git-ignored) screenshot folder.</summary>
    public async Task ScreenshotAsync(string name, bool fullPage = true)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = fullPage });
    }

    public static string ScreenshotFolder => Path.Combine(Repository.Root, "TestResults", "screenshots");

    /// <summary>
    /// Runs axe-core (npm axe-core, installed in tools/checks by the scripts) on the page as it is and fails on any
    /// serious or critical violation, naming the rule and the elements.
    /// </summary>
    public async Task AssertAccessibleAsync(string state)
    {
        var axe = Path.Combine(Repository.Root, "tools", "checks", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(axe))
            throw new InvalidOperationException($"{axe} is missing: run ./test.sh, which installs tools/checks.");
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe !== 'undefined'"))
            // Evaluated, not added as a script tag: the page's Content-Security-Policy, as CloudFront sends it, allows no inline script.
            await page.EvaluateAsync(await File.ReadAllTextAsync(axe));
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ['violations'] })).violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)
            """);
        Assert.True(violations.GetArrayLength() == 0, $"axe found in state '{state}': {string.Join("; ", violations.EnumerateArray())}");
    }
}
