using Microsoft.Playwright;
using Todo.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Todo.Tests.Browser;

/// <summary>
/// The web app in the open mode (no sign-in), offline and live, in Chromium: changes made offline show at once, are
/// kept in IndexedDB across a reload (the service worker starts the app without network), and are sent in order when
/// the network returns, each applied once (the todo's event count proves it) and the server's list then equal to the
/// page's; a change in one tab shows in another without a reload. The tests share one database, so each marks its
/// todos with its own token and compares those.
/// </summary>
[Slow]
public sealed class OfflineUiTests(LocalAppFixture app, ChromiumFixture chromium)
    : PageTests(app, chromium), IClassFixture<LocalAppFixture>, IClassFixture<ChromiumFixture>
{
    private readonly TodoApi api = new(app.Http);
    private readonly string token = Guid.NewGuid().ToString("N");

    private string Text(string text) => $"{text} {token}";

    private ILocator Row(TodoPage ui, string text) => ui.Items.Filter(new LocatorFilterOptions { Has = ui.Page.GetByText(Text(text), new() { Exact = true }) });

    private async Task EditAsync(TodoPage ui, string from, string to)
    {
        var id = await Row(ui, from).GetAttributeAsync("data-id") ?? throw new InvalidOperationException("A row has no id.");
        var editor = await ui.StartEditingAsync(id);
        await editor.FillAsync(Text(to));
        await editor.PressAsync("Enter");
        await Expect(Row(ui, to)).ToHaveCountAsync(1);
    }

    /// <summary>Waits until the server's list of this test's todos is what the page shows, and returns it.</summary>
    private async Task<string[]> ServerEqualsPageAsync(TodoPage ui)
    {
        var shown = (await ui.ShownRowsAsync()).Where(row => row.EndsWith(token, StringComparison.Ordinal)).Order().ToArray();
        string[] server = [];
        try
        {
            await api.EventuallyAsync(a => a.ListAsync(), list =>
            {
                server = list.Body.EnumerateArray()
                    .Select(t => $"{t.GetProperty("id").GetString()} {(t.GetProperty("completed").GetBoolean() ? "true" : "false")} {t.GetProperty("text").GetString()}")
                    .Where(row => row.EndsWith(token, StringComparison.Ordinal)).Order().ToArray();
                return server.SequenceEqual(shown);
            });
        }
        catch (TimeoutException)
        {
            // The difference says more than the timeout.
        }
        Assert.Equal(shown, server);
        return server;
    }

    private async Task<long> EventsOfAsync(string id) => (await App.EventsOfAsync(Guid.Parse(id))).Version;

    [Fact]
    public async Task Created_edited_toggled_and_deleted_offline_then_online_the_server_has_what_the_page_shows_each_change_applied_once()
    {
        await Ui.OpenAsync();
        var edited = await Ui.AddAsync(Text("Edit me"));
        var toggled = await Ui.AddAsync(Text("Toggle me"));
        var deleted = await Ui.AddAsync(Text("Delete me"));

        await Context.SetOfflineAsync(true);
        await Expect(Ui.LiveStatus).ToHaveAttributeAsync("data-live", "offline");
        await Ui.AddAsync(Text("Made offline"));
        await EditAsync(Ui, "Made offline", "Made offline, then edited");
        await Row(Ui, "Made offline, then edited").GetByTestId("todo-toggle").ClickAsync();
        await EditAsync(Ui, "Edit me", "Edited offline");
        await Ui.Item(toggled).GetByTestId("todo-toggle").ClickAsync();
        await Ui.Item(deleted).GetByTestId("todo-delete").ClickAsync();

        // Shown at once, and waiting.
        await Expect(Ui.Item(toggled)).ToHaveAttributeAsync("data-completed", "true");
        await Expect(Ui.Item(deleted)).ToHaveCountAsync(0);
        await Expect(Ui.LiveStatus).ToHaveAttributeAsync("data-queued", "6");
        await Expect(Ui.LiveStatus).ToContainTextAsync("6 changes waiting to be sent");
        await Ui.AssertAccessibleAsync("offline with changes queued");
        await Ui.ScreenshotAsync("offline-queued");

        await Context.SetOfflineAsync(false);
        await Ui.SentAsync();

        var server = await ServerEqualsPageAsync(Ui);
        Assert.Equal(3, server.Length);
        var made = await Row(Ui, "Made offline, then edited").GetAttributeAsync("data-id");
        Assert.DoesNotContain("local-", made);
        Assert.Contains($"{made} true {Text("Made offline, then edited")}", server);
        Assert.Contains($"{edited} false {Text("Edited offline")}", server);
        Assert.Contains($"{toggled} true {Text("Toggle me")}", server);
        // Each command once: created, edited and completed; created and edited; created and completed; created and deleted.
        Assert.Equal(3, await EventsOfAsync(made!));
        Assert.Equal(2, await EventsOfAsync(edited));
        Assert.Equal(2, await EventsOfAsync(toggled));
        Assert.Equal(2, await EventsOfAsync(deleted));
        await Expect(Ui.Error).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_reload_while_offline_shows_the_saved_list_and_keeps_the_queue_which_is_sent_once_online()
    {
        await Ui.OpenAsync();
        var done = await Ui.AddAsync(Text("Done before"));
        var kept = await Ui.AddAsync(Text("Kept"));
        await Ui.ToggleAsync(done);
        await Ui.ShellCachedAsync();

        await Context.SetOfflineAsync(true);
        await Ui.AddAsync(Text("Typed on the train"));
        await Ui.Item(kept).GetByTestId("todo-toggle").ClickAsync();
        await Expect(Ui.LiveStatus).ToHaveAttributeAsync("data-queued", "2"); // stored: counted once IndexedDB has it
        await Ui.ReloadAsync();

        // The app shell from the service worker, the list from IndexedDB, the queue as it was.
        await Expect(Ui.LiveStatus).ToHaveAttributeAsync("data-live", "offline");
        await Expect(Ui.LiveStatus).ToHaveAttributeAsync("data-queued", "2");
        await Expect(Row(Ui, "Typed on the train")).ToHaveCountAsync(1);
        await Expect(Ui.Item(kept)).ToHaveAttributeAsync("data-completed", "true");
        await Expect(Ui.Item(done)).ToHaveAttributeAsync("data-completed", "true");
        await Ui.AssertAccessibleAsync("offline after a reload");

        // Clear completed, offline too: the two completed todos of this test go (and any other test's).
        await Ui.Page.GetByTestId("clear-completed").ClickAsync();
        await Expect(Ui.Item(kept)).ToHaveCountAsync(0);
        await Expect(Ui.Item(done)).ToHaveCountAsync(0);

        await Context.SetOfflineAsync(false);
        await Ui.SentAsync();
        var server = await ServerEqualsPageAsync(Ui);
        var typed = Assert.Single(server);
        Assert.EndsWith($" false {Text("Typed on the train")}", typed);
        Assert.Equal(1, await EventsOfAsync(typed.Split(' ')[0]));
        Assert.Equal(3, await EventsOfAsync(kept)); // created, completed, deleted
        Assert.Equal(3, await EventsOfAsync(done));
    }

    [Fact]
    public async Task In_the_open_mode_a_change_in_one_tab_shows_in_the_other_without_a_reload()
    {
        await using var second = await Context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.App.BaseUrl.ToString() });
        var other = new TodoPage(await second.NewPageAsync());
        await Ui.OpenAsync();
        await other.OpenAsync();
        await Ui.LiveAsync();
        await other.LiveAsync();
        await Ui.AssertAccessibleAsync("live");

        var id = await Ui.AddAsync(Text("Shared"));
        await Expect(other.TextOf(id)).ToHaveTextAsync(Text("Shared"));
        await Ui.ToggleAsync(id);
        await Expect(other.Item(id)).ToHaveAttributeAsync("data-completed", "true");
        await Ui.Item(id).GetByTestId("todo-delete").ClickAsync();
        await Expect(other.Item(id)).ToHaveCountAsync(0);
    }
}
