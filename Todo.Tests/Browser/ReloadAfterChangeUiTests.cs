using Todo.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Todo.Tests.Browser;

/// <summary>
/// With the stream projection stalled the read table never catches up, so only the version tokens the page
/// keeps in sessionStorage (sent as X-Min-Version) can make a reload right after a change show it once the
/// server's cookie is gone: the tokens keep every change of the tab, also of commands sent at once.
/// </summary>
[Slow]
public sealed class ReloadAfterChangeUiTests(StalledProjectionFixture app, ChromiumFixture chromium)
    : PageTests(app, chromium), IClassFixture<StalledProjectionFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_reload_right_after_changes_shows_them_although_the_read_side_has_none_of_them()
    {
        await Ui.OpenAsync();
        var kept = await Ui.AddAsync("Reload keeps me");
        var gone = await Ui.AddAsync("Reload forgets me");
        await Ui.ToggleAsync(kept);
        var editor = await Ui.StartEditingAsync(kept);
        await editor.FillAsync("Reload keeps me, renamed");
        Assert.True((await Ui.SaveEditAsync(editor, kept)).Ok);
        // The row goes at once; the answer, whose version token the page keeps, comes after.
        await Ui.Page.RunAndWaitForResponseAsync(() => Ui.Item(gone).GetByTestId("todo-delete").ClickAsync(),
            r => r.Request.Method == "DELETE" && r.Url.EndsWith(gone, StringComparison.Ordinal));
        await Expect(Ui.Item(gone)).ToHaveCountAsync(0);

        // The read side has nothing: a plain read shows none of this.
        Assert.Equal(0, (await new TodoApi(App.Http).ListAsync()).Body.GetArrayLength());

        await Context.ClearCookiesAsync();
        var listRequests = new List<string?>();
        Ui.Page.Request += (_, r) => { if (r.Url.Contains("/api/todos?", StringComparison.Ordinal)) listRequests.Add(r.Headers.GetValueOrDefault("x-min-version")); };
        await Ui.ReloadAsync();

        await Expect(Ui.TextOf(kept)).ToHaveTextAsync("Reload keeps me, renamed");
        await Expect(Ui.Item(kept)).ToHaveAttributeAsync("data-completed", "true");
        await Expect(Ui.Item(gone)).ToHaveCountAsync(0);
        var tokens = Assert.Single(listRequests);
        Assert.Contains($"{kept}:3", tokens);
        Assert.Contains($"{gone}:2", tokens);
    }
}
