using Microsoft.Playwright;
using Todo.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Todo.Tests.Browser;

/// <summary>
/// Two browser contexts signed in as the same user, as two devices are: a change in one shows in the other without a
/// reload (an addition, an edit, a toggle, a deletion), and edits that cross open the conflict dialog; a dropped live
/// connection with 50 changes made meanwhile shows all 50 once it is back, each once; and offline, a reload (which
/// cannot sign in: the tokens were in memory) shows the user's saved list read-only with the queue kept, sent once
/// the user signs in online.
/// </summary>
[Slow]
public sealed class LiveUiTests(SignInAppFixture app, ChromiumFixture chromium)
    : PageTests(app, chromium), IClassFixture<SignInAppFixture>, IClassFixture<ChromiumFixture>
{
    private SignInAppFixture SignIn => (SignInAppFixture)App;

    private async Task<TodoPage> SignedInAsync(TodoPage ui, TestUser user)
    {
        await ui.Page.GotoAsync("/");
        await ui.SignInAsync(user.Email, user.Password);
        await ui.LiveAsync();
        return ui;
    }

    /// <summary>A second device: a context of its own (own storage and socket) on the same app.</summary>
    private async Task<TodoPage> OtherDeviceAsync()
    {
        var context = await Context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.App.BaseUrl.ToString() });
        return new TodoPage(await context.NewPageAsync());
    }

    [Fact]
    public async Task A_change_in_one_context_shows_in_the_other_without_a_reload()
    {
        var user = await SignIn.NewUserAsync();
        var one = await SignedInAsync(Ui, user);
        var other = await SignedInAsync(await OtherDeviceAsync(), user);
        await Expect(one.LiveStatus).ToHaveTextAsync("Live: changes made elsewhere show here at once.");
        await one.AssertAccessibleAsync("live");

        var id = await one.AddAsync("Added on one");
        await Expect(other.TextOf(id)).ToHaveTextAsync("Added on one");

        var editor = await one.StartEditingAsync(id);
        await editor.FillAsync("Edited on one");
        await one.SaveEditAsync(editor, id);
        await Expect(other.TextOf(id)).ToHaveTextAsync("Edited on one");

        await other.ToggleAsync(id);
        await Expect(one.Item(id)).ToHaveAttributeAsync("data-completed", "true");

        await one.Item(id).GetByTestId("todo-delete").ClickAsync();
        await Expect(other.Item(id)).ToHaveCountAsync(0);
        await Expect(other.Items).ToHaveCountAsync(0);
        await Expect(one.Error).ToHaveCountAsync(0);
        await Expect(other.Error).ToHaveCountAsync(0);
        await other.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task Edits_that_cross_open_the_conflict_dialog_and_the_kept_edit_shows_in_both()
    {
        var user = await SignIn.NewUserAsync();
        var one = await SignedInAsync(Ui, user);
        var other = await SignedInAsync(await OtherDeviceAsync(), user);
        var id = await one.AddAsync("Before");
        await Expect(other.TextOf(id)).ToHaveTextAsync("Before");

        var theirs = await other.StartEditingAsync(id);
        var mine = await one.StartEditingAsync(id);
        await mine.FillAsync("Saved first, on one");
        await one.SaveEditAsync(mine, id);
        await theirs.FillAsync("Saved second, on the other");
        var refused = await other.SaveEditAsync(theirs, id);

        Assert.Equal(412, refused.Status);
        var dialog = other.Page.GetByTestId("conflict-dialog");
        await Expect(dialog.GetByTestId("conflict-theirs")).ToHaveTextAsync("Saved first, on one");
        await Expect(dialog.GetByTestId("conflict-mine")).ToHaveTextAsync("Saved second, on the other");
        await other.AssertAccessibleAsync("conflict between devices");
        await dialog.GetByTestId("keep-mine").ClickAsync();

        await Expect(other.TextOf(id)).ToHaveTextAsync("Saved second, on the other");
        await Expect(one.TextOf(id)).ToHaveTextAsync("Saved second, on the other");
        Assert.Equal(3, (await App.EventsOfAsync(Guid.Parse(id))).Version);
        await other.Page.Context.CloseAsync();
    }

    [Fact]
    public async Task After_a_dropped_connection_the_50_changes_made_meanwhile_all_show_each_once()
    {
        var user = await SignIn.NewUserAsync();
        var down = false;
        IWebSocketRoute? connection = null;
        // The page's live socket goes through this route: it can be dropped, and refused while "down".
        await Context.RouteWebSocketAsync(url => url.Contains("/_live", StringComparison.Ordinal), socket =>
        {
            if (Volatile.Read(ref down))
            {
                _ = socket.CloseAsync(new WebSocketRouteCloseOptions { Code = 1011, Reason = "The network is down" });
                return;
            }
            socket.ConnectToServer();
            Volatile.Write(ref connection, socket);
        });
        await SignedInAsync(Ui, user);
        var before = await Ui.AddAsync("Before the drop");

        Volatile.Write(ref down, true);
        await Volatile.Read(ref connection)!.CloseAsync(new WebSocketRouteCloseOptions { Code = 1011, Reason = "Dropped" });
        await Expect(Ui.LiveStatus).Not.ToHaveAttributeAsync("data-live", "live");
        var made = new List<string>();
        for (var i = 0; i < 45; i++)
            made.Add((await user.Api.CreateAsync($"Meanwhile {i:00}")).Text("id"));
        foreach (var id in made.Take(5))
            Assert.Equal(200, (int)(await user.Api.UpdateAsync(id, new { completed = true })).Status);
        Volatile.Write(ref down, false);

        await Expect(Ui.LiveStatus).ToHaveAttributeAsync("data-live", "live", new() { Timeout = 60_000 });
        await Expect(Ui.Items).ToHaveCountAsync(46, new() { Timeout = 30_000 });
        await Expect(Ui.Page.Locator("[data-testid='todo-item'][data-completed='true']")).ToHaveCountAsync(5, new() { Timeout = 30_000 });
        var shown = await Ui.ShownIdsAsync();
        Assert.Equal(shown.Length, shown.Distinct().Count());
        Assert.Equal(made.Append(before).Order(), shown.Order());
        foreach (var id in made.Take(5))
            await Expect(Ui.Item(id)).ToHaveAttributeAsync("data-completed", "true");
    }

    [Fact]
    public async Task Offline_a_reload_shows_the_saved_list_read_only_with_the_queue_kept_until_signed_in_online()
    {
        var user = await SignIn.NewUserAsync();
        await Ui.Page.GotoAsync("/");
        await Ui.SignInAsync(user.Email, user.Password);
        var id = await Ui.AddAsync("Saved for the train");
        await Ui.ShellCachedAsync();

        await Context.SetOfflineAsync(true);
        await Ui.Item(id).GetByTestId("todo-toggle").ClickAsync();
        await Expect(Ui.LiveStatus).ToHaveAttributeAsync("data-queued", "1");
        await Ui.Page.ReloadAsync();

        // The pool cannot be reached: signing in shows the saved list, read-only, and what waits to be sent.
        await Ui.Page.GetByLabel("E-mail address").FillAsync(user.Email);
        await Ui.Page.GetByLabel("Password").FillAsync(user.Password);
        await Ui.Page.GetByTestId("auth-submit").ClickAsync();
        await Expect(Ui.Page.GetByTestId("signed-in-as")).ToHaveTextAsync($"Offline, as {user.Email}");
        await Expect(Ui.Item(id)).ToHaveAttributeAsync("data-completed", "true");
        await Expect(Ui.LiveStatus).ToContainTextAsync("read-only");
        await Expect(Ui.LiveStatus).ToContainTextAsync("1 change will be sent when you sign in online.");
        await Expect(Ui.Input).ToBeDisabledAsync();
        await Ui.AssertAccessibleAsync("offline, read-only");
        await Ui.ScreenshotAsync("offline-read-only");

        await Context.SetOfflineAsync(false);
        await Ui.Page.GetByTestId("sign-out").ClickAsync();
        await Ui.SignInAsync(user.Email, user.Password);
        await Ui.SentAsync();
        await user.Api.ProjectedAsync(id, item => item.GetProperty("completed").GetBoolean());
        Assert.Equal(2, (await App.EventsOfAsync(Guid.Parse(id))).Version);
        await Expect(Ui.Item(id)).ToHaveAttributeAsync("data-completed", "true");
    }
}
