using Microsoft.Playwright;
using Todo.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Todo.Tests.Browser;

/// <summary>
/// The web app in Chromium against the whole local app. The tests of this class share one database, so each
/// marks its todos with its own token and asserts on those; only the tests that read "items left", which counts
/// every todo, empty the database first.
/// </summary>
[Slow]
public sealed class TodoUiTests(LocalAppFixture app, ChromiumFixture chromium)
    : IClassFixture<LocalAppFixture>, IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private readonly TodoApi api = new(app.Http);
    private readonly string token = Guid.NewGuid().ToString("N");
    private IBrowserContext context = null!;
    private IPage page = null!;

    public async Task InitializeAsync()
    {
        context = await chromium.NewContextAsync(app.App.BaseUrl);
        page = await context.NewPageAsync();
    }

    public Task DisposeAsync() => context.CloseAsync();

    [Fact]
    public async Task Adding_by_button_and_by_Enter_lists_both_in_order()
    {
        await DeleteEveryTodoAsync();
        await OpenAsync();
        await Expect(ItemsLeft).ToHaveTextAsync("0 items left");

        var first = await AddAsync(Text("Buy milk"), submitWithEnter: false);
        await Expect(ItemsLeft).ToHaveTextAsync("1 item left");
        var second = await AddAsync(Text("Walk the dog"), submitWithEnter: true);

        await Expect(Mine.GetByTestId("todo-text")).ToHaveTextAsync([Text("Buy milk"), Text("Walk the dog")]);
        await Expect(Item(first)).ToHaveAttributeAsync("data-completed", "false");
        await Expect(Item(second)).ToHaveAttributeAsync("data-completed", "false");
        await Expect(ItemsLeft).ToHaveTextAsync("2 items left");

        // What the page shows is what the server has, once the read side has caught up.
        var server = await ServerEventuallyAsync(todos => todos.Count == 2);
        Assert.Equal(new[] { new ServerTodo(first, Text("Buy milk"), false), new ServerTodo(second, Text("Walk the dog"), false) }, server);
        Assert.Equal(server.Select(t => t.Id), await ShownIdsAsync());
    }

    [Fact]
    public async Task Editing_inline_shows_the_new_text_and_it_survives_a_reload()
    {
        await OpenAsync();
        var id = await AddAsync(Text("Draft"));

        var editor = await StartEditingAsync(id);
        await Expect(editor).ToHaveValueAsync(Text("Draft"));
        await editor.FillAsync(Text("Final"));
        await editor.PressAsync("Enter");

        await Expect(editor).ToHaveCountAsync(0);
        await Expect(TextOf(id)).ToHaveTextAsync(Text("Final"));

        await ServerEventuallyAsync(todos => todos.Any(t => t.Id == id && t.Text == Text("Final")));
        await ReloadAsync();
        await Expect(TextOf(id)).ToHaveTextAsync(Text("Final"));
    }

    [Fact]
    public async Task Escape_cancels_an_edit_without_saving()
    {
        await OpenAsync();
        var id = await AddAsync(Text("Keep me"));

        var editor = await StartEditingAsync(id);
        await editor.FillAsync(Text("Not this"));
        await editor.PressAsync("Escape");

        await Expect(editor).ToHaveCountAsync(0);
        await Expect(TextOf(id)).ToHaveTextAsync(Text("Keep me"));
        // Only the creation was written: neither Escape nor the blur that follows it saved anything.
        Assert.Single((await app.EventsOfAsync(Guid.Parse(id))).Events);

        await ServerEventuallyAsync(todos => todos.Any(t => t.Id == id));
        await ReloadAsync();
        await Expect(TextOf(id)).ToHaveTextAsync(Text("Keep me"));
    }

    [Fact]
    public async Task Toggling_completes_a_todo_and_it_survives_a_reload()
    {
        await DeleteEveryTodoAsync();
        await OpenAsync();
        var done = await AddAsync(Text("Pay rent"));
        var open = await AddAsync(Text("Call mum"));
        await Expect(ItemsLeft).ToHaveTextAsync("2 items left");

        await ToggleAsync(done);

        await Expect(Item(done)).ToHaveAttributeAsync("data-completed", "true");
        await Expect(Item(done).GetByTestId("todo-toggle")).ToBeCheckedAsync();
        await Expect(Item(open)).ToHaveAttributeAsync("data-completed", "false");
        await Expect(ItemsLeft).ToHaveTextAsync("1 item left");

        await ServerEventuallyAsync(todos => todos.Any(t => t.Id == done && t.Completed));
        await ReloadAsync();
        await Expect(Item(done)).ToHaveAttributeAsync("data-completed", "true");
        await Expect(Item(done).GetByTestId("todo-toggle")).ToBeCheckedAsync();
        await Expect(Item(open)).ToHaveAttributeAsync("data-completed", "false");
        await Expect(ItemsLeft).ToHaveTextAsync("1 item left");
    }

    [Fact]
    public async Task Deleting_removes_a_todo_for_good()
    {
        await OpenAsync();
        var gone = await AddAsync(Text("Old idea"));
        var kept = await AddAsync(Text("Good idea"));

        await Item(gone).GetByTestId("todo-delete").ClickAsync();

        await Expect(Item(gone)).ToHaveCountAsync(0);
        await Expect(Mine.GetByTestId("todo-text")).ToHaveTextAsync([Text("Good idea")]);

        await ServerEventuallyAsync(todos => todos.All(t => t.Id != gone) && todos.Any(t => t.Id == kept));
        await ReloadAsync();
        await Expect(Item(kept)).ToBeVisibleAsync();
        await Expect(Item(gone)).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Clear_completed_removes_only_the_completed_todos()
    {
        await OpenAsync();
        var first = await AddAsync(Text("Done one"));
        var open = await AddAsync(Text("Still open"));
        var second = await AddAsync(Text("Done two"));
        await ToggleAsync(first);
        await ToggleAsync(second);

        await page.GetByTestId("clear-completed").ClickAsync();

        await Expect(Mine.GetByTestId("todo-text")).ToHaveTextAsync([Text("Still open")]);
        // Nothing completed is left (other tests' todos included), so the button has nothing to do.
        await Expect(page.GetByTestId("clear-completed")).ToBeDisabledAsync();

        await ServerEventuallyAsync(todos => todos.All(t => t.Id != first && t.Id != second) && todos.Any(t => t.Id == open));
        await ReloadAsync();
        await Expect(Item(open)).ToHaveAttributeAsync("data-completed", "false");
        await Expect(Mine.GetByTestId("todo-text")).ToHaveTextAsync([Text("Still open")]);
    }

    [Fact]
    public async Task A_reload_shows_the_same_list_in_the_same_order()
    {
        await OpenAsync();
        string[] texts = [Text("First"), Text("Second"), Text("Third")];
        var ids = new List<string>();
        foreach (var text in texts)
            ids.Add(await AddAsync(text));
        await ToggleAsync(ids[1]);
        var before = await ShownIdsAsync();

        var server = await ServerEventuallyAsync(todos => ids.All(id => todos.Any(t => t.Id == id)) && todos.Single(t => t.Id == ids[1]).Completed);
        await ReloadAsync();

        await Expect(Mine.GetByTestId("todo-text")).ToHaveTextAsync(texts);
        await Expect(Item(ids[1])).ToHaveAttributeAsync("data-completed", "true");
        // The whole list, other tests' todos included, in the server's order: as the page had it before.
        Assert.Equal(before, await ShownIdsAsync());
        Assert.Equal(server.Select(t => t.Id), before);
    }

    [Fact]
    public async Task A_rejected_edit_shows_the_servers_message_and_changes_nothing()
    {
        await OpenAsync();
        var id = await AddAsync(Text("Short"));
        await Expect(Error).ToHaveCountAsync(0);

        var editor = await StartEditingAsync(id);
        var tooLong = new string('x', 1001);
        await editor.FillAsync(tooLong);
        await editor.PressAsync("Enter");

        // The server answers 400 "Invalid request body" with {"text": "must be at most 1000 characters"}.
        var alert = page.GetByRole(AriaRole.Alert);
        await Expect(alert).ToHaveAttributeAsync("data-testid", "error-message");
        await Expect(alert).ToContainTextAsync("Invalid request body");
        await Expect(alert).ToContainTextAsync("must be at most 1000 characters");
        // The editor stays open with the rejected text so it can be fixed.
        await Expect(editor).ToHaveValueAsync(tooLong);
        Assert.Single((await app.EventsOfAsync(Guid.Parse(id))).Events);

        await editor.PressAsync("Escape");
        var server = await ServerEventuallyAsync(todos => todos.Any(t => t.Id == id));
        Assert.Equal(Text("Short"), server.Single(t => t.Id == id).Text);
        await ReloadAsync();
        await Expect(TextOf(id)).ToHaveTextAsync(Text("Short"));
        await Expect(Error).ToHaveCountAsync(0);
    }

    // --- The page ---

    private ILocator Items => page.GetByTestId("todo-item");

    /// <summary>This test's todos, in the page's order: their texts carry the test's token.</summary>
    private ILocator Mine => Items.Filter(new LocatorFilterOptions { HasText = token });

    private ILocator Item(string id) => page.Locator($"[data-testid='todo-item'][data-id='{id}']");

    private ILocator TextOf(string id) => Item(id).GetByTestId("todo-text");

    private ILocator ItemsLeft => page.GetByTestId("items-left");

    private ILocator Error => page.GetByTestId("error-message");

    private string Text(string label) => $"{label} {token}";

    /// <summary>Opens the app and waits for its first load.</summary>
    private async Task OpenAsync()
    {
        await page.GotoAsync("/");
        await LoadedAsync();
    }

    /// <summary>Callers first wait for the server to show what they check: the page loads the list only once.</summary>
    private async Task ReloadAsync()
    {
        await page.ReloadAsync();
        await LoadedAsync();
    }

    /// <summary>The list is rendered only once the load is over (attached, not visible: an empty list has no height).</summary>
    private Task LoadedAsync() => Expect(page.GetByTestId("todo-list")).ToBeAttachedAsync();

    /// <summary>Adds a todo through the form and returns its id, once the server has answered.</summary>
    private async Task<string> AddAsync(string text, bool submitWithEnter = true)
    {
        var input = page.GetByTestId("new-todo-input");
        await input.FillAsync(text);
        if (submitWithEnter)
            await input.PressAsync("Enter");
        else
            await page.GetByTestId("add-button").ClickAsync();

        var item = Items.Filter(new LocatorFilterOptions { HasText = text });
        await Expect(item).ToHaveCountAsync(1);
        // The form empties only after a successful create, so the next add cannot overlap this one.
        await Expect(input).ToHaveValueAsync("");
        return await item.GetAttributeAsync("data-id") ?? throw new InvalidOperationException("A todo item has no data-id.");
    }

    /// <summary>The checkbox flips before the server answers, so this waits for the answer itself.</summary>
    private async Task ToggleAsync(string id)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => Item(id).GetByTestId("todo-toggle").ClickAsync(),
            r => r.Request.Method == "PUT" && r.Url.EndsWith($"/api/todos/{id}", StringComparison.Ordinal));
        Assert.True(response.Ok, $"PUT /api/todos/{id} answered {response.Status}");
    }

    private async Task<ILocator> StartEditingAsync(string id)
    {
        await TextOf(id).DblClickAsync();
        var editor = Item(id).GetByTestId("todo-edit-input");
        await Expect(editor).ToBeFocusedAsync();
        return editor;
    }

    private Task<string[]> ShownIdsAsync() => Items.EvaluateAllAsync<string[]>("items => items.map(item => item.dataset.id)");

    // --- The server ---

    private sealed record ServerTodo(string Id, string Text, bool Completed);

    /// <summary>GET /api/todos until the (eventually consistent) list satisfies <paramref name="condition"/>.</summary>
    private async Task<List<ServerTodo>> ServerEventuallyAsync(Func<List<ServerTodo>, bool> condition)
    {
        var response = await api.EventuallyAsync(a => a.ListAsync(), r => TodoApi.IsOk(r) && condition(Todos(r)));
        return Todos(response);
    }

    private static List<ServerTodo> Todos(ApiResponse list) =>
        list.Body.EnumerateArray()
            .Select(t => new ServerTodo(t.GetProperty("id").GetString()!, t.GetProperty("text").GetString()!, t.GetProperty("completed").GetBoolean()))
            .ToList();

    /// <summary>"Items left" counts every todo in the database, so the tests that read it start from none.</summary>
    private Task DeleteEveryTodoAsync() =>
        api.EventuallyAsync(async a =>
        {
            // A todo deleted but still listed (the projection lags) answers 404 here, which is fine.
            foreach (var id in await a.ListedIdsAsync())
                await a.DeleteAsync(id);
            return await a.ListAsync();
        }, r => TodoApi.IsOk(r) && r.Body.GetArrayLength() == 0);
}
