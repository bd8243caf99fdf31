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
    private TodoPage ui = null!;

    public async Task InitializeAsync()
    {
        context = await chromium.NewContextAsync(app.App.BaseUrl);
        page = await context.NewPageAsync();
        ui = new TodoPage(page);
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

    [Fact]
    public async Task Blur_saves_an_edit()
    {
        await OpenAsync();
        var id = await AddAsync(Text("Before blur"));

        var editor = await StartEditingAsync(id);
        await editor.FillAsync(Text("After blur"));
        await page.RunAndWaitForResponseAsync(() => ui.Input.FocusAsync(), r => r.Request.Method == "PUT");

        await Expect(editor).ToHaveCountAsync(0);
        await Expect(TextOf(id)).ToHaveTextAsync(Text("After blur"));
        await ServerEventuallyAsync(todos => todos.Any(t => t.Id == id && t.Text == Text("After blur")));
    }

    [Fact]
    public async Task Filters_live_in_the_URL_and_show_their_counts()
    {
        await DeleteEveryTodoAsync();
        await OpenAsync();
        await Expect(page.GetByTestId("empty-state")).ToBeVisibleAsync();
        var done = await AddAsync(Text("Filter done"));
        var open = await AddAsync(Text("Filter open"));
        await AddAsync(Text("Filter open too"));
        await ToggleAsync(done);

        await Expect(page.GetByTestId("count-all")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("count-active")).ToHaveTextAsync("2");
        await Expect(page.GetByTestId("count-completed")).ToHaveTextAsync("1");

        await page.GetByTestId("filter-completed").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/completed$"));
        await Expect(page.GetByTestId("filter-completed")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(Items).ToHaveCountAsync(1);
        await Expect(Item(done)).ToBeVisibleAsync();

        await page.GetByTestId("filter-active").ClickAsync();
        await Expect(Items).ToHaveCountAsync(2);
        await Expect(Item(done)).ToHaveCountAsync(0);

        // The filter survives a reload, since it is the URL.
        await ServerEventuallyAsync(todos => todos.Any(t => t.Id == done && t.Completed));
        await ReloadAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/active$"));
        await Expect(Items).ToHaveCountAsync(2);
        await Expect(Item(open)).ToBeVisibleAsync();

        // Completing the last active todos empties this filter.
        await page.GetByTestId("toggle-all").CheckAsync();
        await Expect(page.GetByTestId("empty-state")).ToHaveTextAsync("Nothing left to do.");
        await page.GetByTestId("filter-all").ClickAsync();
        await Expect(Items).ToHaveCountAsync(3);
    }

    [Fact]
    public async Task Toggle_all_completes_every_todo_then_reopens_every_one()
    {
        await DeleteEveryTodoAsync();
        await OpenAsync();
        var ids = new[] { await AddAsync(Text("All one")), await AddAsync(Text("All two")), await AddAsync(Text("All three")) };
        await ToggleAsync(ids[1]);

        await page.GetByTestId("toggle-all").CheckAsync();
        foreach (var id in ids)
            await Expect(Item(id)).ToHaveAttributeAsync("data-completed", "true");
        await Expect(ItemsLeft).ToHaveTextAsync("0 items left");
        await ServerEventuallyAsync(todos => todos.Count == 3 && todos.All(t => t.Completed));

        await page.GetByTestId("toggle-all").UncheckAsync();
        foreach (var id in ids)
            await Expect(Item(id)).ToHaveAttributeAsync("data-completed", "false");
        await ServerEventuallyAsync(todos => todos.Count == 3 && todos.All(t => !t.Completed));
        await ReloadAsync();
        await Expect(ItemsLeft).ToHaveTextAsync("3 items left");
    }

    [Fact]
    public async Task Clear_completed_sends_one_request_per_todo_and_reports_the_ones_that_failed()
    {
        await HearNothingFromElsewhereAsync();
        await OpenAsync();
        var first = await AddAsync(Text("Clear one"));
        var second = await AddAsync(Text("Clear two"));
        await ToggleAsync(first);
        await ToggleAsync(second);
        // Deleted behind the page's back: its DELETE will answer 404.
        await api.DeleteAsync(second);

        var deletes = new List<string>();
        page.Request += (_, r) => { if (r.Method == "DELETE") lock (deletes) deletes.Add(r.Url); };
        await page.GetByTestId("clear-completed").ClickAsync();

        await Expect(Error).ToContainTextAsync("Todo item not found");
        await Expect(Item(first)).ToHaveCountAsync(0);
        await Expect(Item(second)).ToHaveCountAsync(0);
        lock (deletes)
        {
            Assert.Contains(deletes, u => u.EndsWith(first, StringComparison.Ordinal));
            Assert.Contains(deletes, u => u.EndsWith(second, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_refused_create_rolls_back_and_gives_the_text_back()
    {
        await OpenAsync();
        var tooLong = Text(new string('y', 1000));

        await ui.Input.FillAsync(tooLong);
        await ui.Input.PressAsync("Enter");

        await Expect(Error).ToContainTextAsync("must be at most 1000 characters");
        await Expect(ui.Input).ToHaveValueAsync(tooLong);
        await Expect(Mine).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_create_answered_503_is_sent_again_after_Retry_After_with_the_same_key_and_lands_once()
    {
        await OpenAsync();
        var keys = new List<string?>();
        var refused = 0;
        await page.RouteAsync("**/api/todos", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }
            keys.Add(route.Request.Headers.GetValueOrDefault("idempotency-key"));
            if (refused++ == 0)
                await route.FulfillAsync(new RouteFulfillOptions
                {
                    Status = 503, ContentType = "application/json", Headers = new Dictionary<string, string> { ["Retry-After"] = "1" },
                    Body = """{"message":"The service is busy or briefly unavailable; try again in a moment"}""",
                });
            else
                await route.ContinueAsync();
        });

        var id = await AddAsync(Text("Sent twice, made once"));

        await Expect(ui.Item(id)).ToHaveCountAsync(1);
        Assert.Equal(2, keys.Count);
        Assert.NotNull(keys[0]);
        Assert.Equal(keys[0], keys[1]);
        await Expect(Error).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_change_answered_429_by_a_rate_limit_is_sent_again_after_a_wait_with_or_without_If_Match()
    {
        var (listed, mine) = await ListedAndAddedAsync();
        var sent = await RefuseEachFirstChangeAsync(429);

        await Item(mine).GetByTestId("todo-toggle").ClickAsync();
        await Item(listed).GetByTestId("todo-delete").ClickAsync();

        await ServerEventuallyAsync(todos => todos.Any(t => t.Id == mine && t.Completed) && todos.All(t => t.Id != listed));
        await Expect(Item(mine)).ToHaveAttributeAsync("data-completed", "true");
        await Expect(Item(listed)).ToHaveCountAsync(0);
        await Expect(Error).ToHaveCountAsync(0);
        AssertEachSentTwiceAlike(sent, ("DELETE", listed), ("PUT", mine));
    }

    /// <summary>
    /// A 503 may follow a change that did commit: each change carries its own Idempotency-Key (and If-Match where the
    /// page knows the version), so the repeat, with the same key, is applied once.
    /// </summary>
    [Fact]
    public async Task A_change_answered_503_is_sent_again_with_the_same_Idempotency_Key_and_applied_once()
    {
        var (listed, mine) = await ListedAndAddedAsync();
        var sent = await RefuseEachFirstChangeAsync(503);

        await Item(mine).GetByTestId("todo-toggle").ClickAsync();
        await Item(listed).GetByTestId("todo-toggle").ClickAsync();

        await ServerEventuallyAsync(todos => todos.Any(t => t.Id == mine && t.Completed) && todos.Any(t => t.Id == listed && t.Completed));
        await Expect(Item(listed)).ToHaveAttributeAsync("data-completed", "true");
        await Expect(Error).ToHaveCountAsync(0);
        Assert.Equal(2, (await app.EventsOfAsync(Guid.Parse(listed))).Version);
        Assert.Equal(2, (await app.EventsOfAsync(Guid.Parse(mine))).Version);
        AssertEachSentTwiceAlike(sent, ("PUT", listed), ("PUT", mine));
    }

    /// <summary>Each change was sent twice (refused, then let through), both times with the same If-Match and Idempotency-Key.</summary>
    private static void AssertEachSentTwiceAlike(List<(string Method, string Id, string? IfMatch, string? Key)> sent, params (string Method, string Id)[] changes)
    {
        lock (sent)
        {
            Assert.Equal(changes.SelectMany(c => new[] { c, c }).Order(), sent.Select(s => (s.Method, s.Id)).Order());
            foreach (var attempts in sent.GroupBy(s => s.Id))
            {
                Assert.NotNull(attempts.First().Key);
                Assert.Single(attempts.Select(s => (s.IfMatch, s.Key)).Distinct());
            }
        }
    }

    /// <summary>
    /// A todo made through the API before the page opened, whose version the page knows only once it has read the
    /// changes feed, and one added in the page, whose version it knows from its create.
    /// </summary>
    private async Task<(string Listed, string Mine)> ListedAndAddedAsync()
    {
        var listed = (await api.CreateAsync(Text("Listed"))).Text("id");
        await api.ProjectedAsync(listed);
        await OpenAsync();
        return (listed, await AddAsync(Text("Added here")));
    }

    /// <summary>
    /// Answers the first change (PUT or DELETE) of each todo with <paramref name="status"/>, as API Gateway's rate
    /// limit (429, without Retry-After) or a busy store (503, Retry-After: 1) would, and lets every other request
    /// through. Returns the changes sent: method, todo id, If-Match and Idempotency-Key.
    /// </summary>
    private async Task<List<(string Method, string Id, string? IfMatch, string? Key)>> RefuseEachFirstChangeAsync(int status)
    {
        var sent = new List<(string Method, string Id, string? IfMatch, string? Key)>();
        var (headers, body) = status == 503
            ? (new Dictionary<string, string> { ["Retry-After"] = "1" }, """{"message":"The service is busy or briefly unavailable; try again in a moment"}""")
            : (new Dictionary<string, string>(), """{"message":"Too Many Requests"}""");
        await page.RouteAsync("**/api/todos/*", async route =>
        {
            var request = route.Request;
            if (request.Method is not ("PUT" or "DELETE"))
            {
                await route.ContinueAsync();
                return;
            }
            var id = request.Url[(request.Url.LastIndexOf('/') + 1)..];
            bool first;
            lock (sent)
            {
                first = sent.TrueForAll(s => s.Id != id);
                sent.Add((request.Method, id, request.Headers.GetValueOrDefault("if-match"), request.Headers.GetValueOrDefault("idempotency-key")));
            }
            if (first)
                await route.FulfillAsync(new RouteFulfillOptions { Status = status, ContentType = "application/json", Headers = headers, Body = body });
            else
                await route.ContinueAsync();
        });
        return sent;
    }

    [Fact]
    public async Task Delete_edit_and_history_controls_are_visible_without_hovering()
    {
        await OpenAsync();
        var id = await AddAsync(Text("Visible controls"));
        await page.Mouse.MoveAsync(0, 0);

        foreach (var control in new[] { "todo-delete", "todo-edit", "todo-history" })
        {
            await Expect(Item(id).GetByTestId(control)).ToBeVisibleAsync();
            Assert.Equal("1", await Item(id).GetByTestId(control).EvaluateAsync<string>("e => getComputedStyle(e).opacity"));
        }
    }

    [Fact]
    public async Task An_edit_over_a_change_from_a_second_tab_is_a_412_that_shows_the_newer_version_and_lets_the_user_choose()
    {
        var (id, second) = await AddAndOpenInASecondTabAsync(Text("Original"));

        // The second tab saves first.
        var theirs = await second.StartEditingAsync(id);
        await theirs.FillAsync(Text("From the second tab"));
        Assert.True((await second.SaveEditAsync(theirs, id)).Ok);

        // This tab still shows version 1 and edits from it: If-Match "1" is refused.
        var mine = await StartEditingAsync(id);
        await mine.FillAsync(Text("From the first tab"));
        var refused = await ui.SaveEditAsync(mine, id);
        Assert.Equal(412, refused.Status);
        Assert.Equal("\"1\"", await refused.Request.HeaderValueAsync("If-Match"));

        var dialog = page.GetByTestId("conflict-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("conflict-theirs")).ToHaveTextAsync(Text("From the second tab"));
        await Expect(dialog.GetByTestId("conflict-mine")).ToHaveTextAsync(Text("From the first tab"));
        await ui.ScreenshotAsync("conflict");
        await ui.AssertAccessibleAsync("conflict dialog");
        var kept = await page.RunAndWaitForResponseAsync(() => dialog.GetByTestId("keep-mine").ClickAsync(), r => r.Request.Method == "PUT");
        Assert.True(kept.Ok);
        Assert.Equal("\"2\"", await kept.Request.HeaderValueAsync("If-Match"));
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(TextOf(id)).ToHaveTextAsync(Text("From the first tab"));

        // Now the second tab is behind: it keeps the newer version instead, and nothing is overwritten.
        var again = await second.StartEditingAsync(id);
        await again.FillAsync(Text("Second tab again"));
        Assert.Equal(412, (await second.SaveEditAsync(again, id)).Status);
        await second.Page.GetByTestId("use-theirs").ClickAsync();
        await Expect(second.TextOf(id)).ToHaveTextAsync(Text("From the first tab"));
        var server = await ServerEventuallyAsync(todos => todos.Any(t => t.Id == id && t.Text == Text("From the first tab")));
        Assert.Equal(3, (await app.EventsOfAsync(Guid.Parse(id))).Version);
        Assert.Single(server, t => t.Id == id);
    }

    [Fact]
    public async Task A_toggle_or_delete_over_a_change_from_a_second_tab_is_a_412_that_shows_the_newer_version()
    {
        var (id, second) = await AddAndOpenInASecondTabAsync(Text("Shared"));

        // The second tab completes it (version 2); this tab still knows version 1 from its create.
        await second.ToggleAsync(id);
        var toggle = await page.RunAndWaitForResponseAsync(() => Item(id).GetByTestId("todo-toggle").ClickAsync(),
            r => r.Request.Method == "PUT" && r.Url.EndsWith($"/api/todos/{id}", StringComparison.Ordinal));
        Assert.Equal(412, toggle.Status);
        Assert.Equal("\"1\"", await toggle.Request.HeaderValueAsync("If-Match"));
        await Expect(Error).ToContainTextAsync("changed elsewhere");
        await Expect(Item(id)).ToHaveAttributeAsync("data-completed", "true");

        // The second tab renames it (version 3); this tab now knows version 2, so its delete is refused too.
        var editor = await second.StartEditingAsync(id);
        await editor.FillAsync(Text("Renamed"));
        Assert.True((await second.SaveEditAsync(editor, id)).Ok);
        var delete = await page.RunAndWaitForResponseAsync(() => Item(id).GetByTestId("todo-delete").ClickAsync(),
            r => r.Request.Method == "DELETE" && r.Url.EndsWith($"/api/todos/{id}", StringComparison.Ordinal));
        Assert.Equal(412, delete.Status);
        Assert.Equal("\"2\"", await delete.Request.HeaderValueAsync("If-Match"));
        await Expect(TextOf(id)).ToHaveTextAsync(Text("Renamed"));
        await Expect(Error).ToContainTextAsync("changed elsewhere");

        // Neither refused change was written.
        var events = await app.EventsOfAsync(Guid.Parse(id));
        Assert.Equal(3, events.Version);
    }

    [Fact]
    public async Task An_edit_made_while_this_tabs_own_toggle_is_in_flight_follows_it_and_is_not_a_conflict()
    {
        await OpenAsync();
        var id = await AddAsync(Text("Own changes"));
        // The toggle's PUT is held back until the edit has been saved in the page.
        var release = new TaskCompletionSource();
        var held = 0;
        await page.RouteAsync($"**/api/todos/{id}", async route =>
        {
            if (route.Request.Method == "PUT" && Interlocked.Increment(ref held) == 1)
                await release.Task;
            await route.ContinueAsync();
        });
        var puts = new List<IRequest>();
        page.RequestFinished += (_, request) =>
        {
            if (request.Method == "PUT") lock (puts) puts.Add(request);
        };

        await Item(id).GetByTestId("todo-toggle").ClickAsync();
        var editor = await StartEditingAsync(id);
        await editor.FillAsync(Text("Own changes, renamed"));
        await editor.PressAsync("Enter");
        await Expect(TextOf(id)).ToHaveTextAsync(Text("Own changes, renamed"));
        release.SetResult();

        await ServerEventuallyAsync(todos => todos.Any(t => t.Id == id && t.Completed && t.Text == Text("Own changes, renamed")));
        Assert.Equal(3, (await app.EventsOfAsync(Guid.Parse(id))).Version);
        await Expect(page.GetByTestId("conflict-dialog")).ToHaveCountAsync(0);
        await Expect(Error).ToHaveCountAsync(0);
        // One after the other: the edit's If-Match is the version the toggle produced.
        IRequest[] Sent() { lock (puts) return [.. puts]; }
        for (var wait = 0; wait < 100 && Sent().Length < 2; wait++) await Task.Delay(50);
        var sent = Sent();
        Assert.Equal(2, sent.Length);
        Assert.Equal(new string?[] { "\"1\"", "\"2\"" }, await Task.WhenAll(sent.Select(r => r.HeaderValueAsync("If-Match"))));
        Assert.All(await Task.WhenAll(sent.Select(r => r.ResponseAsync())), r => Assert.Equal(200, r!.Status));
    }

    /// <summary>Adds a todo in this tab, then opens the app in a second tab of the same browser, which shows it.</summary>
    /// <summary>
    /// Two tabs that hear nothing of each other's changes (see <see cref="HearNothingFromElsewhereAsync"/>): each
    /// changes the todo from the version it last saw.
    /// </summary>
    private async Task<(string Id, TodoPage Second)> AddAndOpenInASecondTabAsync(string text)
    {
        await HearNothingFromElsewhereAsync();
        await OpenAsync();
        var id = await AddAsync(text);
        var second = new TodoPage(await context.NewPageAsync());
        await second.OpenAsync();
        await Expect(second.TextOf(id)).ToHaveTextAsync(text);
        return (id, second);
    }

    /// <summary>
    /// The context's pages hear nothing of changes made elsewhere, as while the network drops their live connection:
    /// their socket opens but carries nothing, and the changes feed answers 404 (which the app tolerates).
    /// </summary>
    private async Task HearNothingFromElsewhereAsync()
    {
        await context.RouteWebSocketAsync(url => url.Contains("/_live", StringComparison.Ordinal), _ => { });
        await context.RouteAsync("**/api/todos/changes*", route => route.FulfillAsync(new RouteFulfillOptions { Status = 404 }));
    }

    // --- The page ---

    private ILocator Items => ui.Items;

    /// <summary>This test's todos, in the page's order: their texts carry the test's token.</summary>
    private ILocator Mine => Items.Filter(new LocatorFilterOptions { HasText = token });

    private ILocator Item(string id) => ui.Item(id);

    private ILocator TextOf(string id) => ui.TextOf(id);

    private ILocator ItemsLeft => ui.ItemsLeft;

    private ILocator Error => ui.Error;

    private string Text(string label) => $"{label} {token}";

    private Task OpenAsync(string path = "/") => ui.OpenAsync(path);

    /// <summary>Callers first wait for the server to show what they check, unless the reload itself is what is tested.</summary>
    private Task ReloadAsync() => ui.ReloadAsync();

    private Task<string> AddAsync(string text, bool submitWithEnter = true) => ui.AddAsync(text, submitWithEnter);

    private Task ToggleAsync(string id) => ui.ToggleAsync(id);

    private Task<ILocator> StartEditingAsync(string id) => ui.StartEditingAsync(id);

    private Task<string[]> ShownIdsAsync() => ui.ShownIdsAsync();

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
    private Task DeleteEveryTodoAsync() => api.DeleteEveryTodoAsync();
}
