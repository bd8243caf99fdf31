using Microsoft.Playwright;
using Todo.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Todo.Tests.Browser;

/// <summary>
/// With the stream projection stalled the read table never catches up, so only the version tokens the page
/// keeps in sessionStorage (sent as X-Min-Version) can make a reload right after a change show it.
/// </summary>
public sealed class ReloadAfterChangeUiTests(StalledProjectionFixture app, ChromiumFixture chromium)
    : IClassFixture<StalledProjectionFixture>, IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private IBrowserContext context = null!;
    private TodoPage ui = null!;

    public async Task InitializeAsync()
    {
        context = await chromium.NewContextAsync(app.App.BaseUrl);
        ui = new TodoPage(await context.NewPageAsync());
    }

    public Task DisposeAsync() => context.CloseAsync();

    [Fact]
    public async Task A_reload_right_after_changes_shows_them_although_the_read_side_has_none_of_them()
    {
        await ui.OpenAsync();
        var kept = await ui.AddAsync("Reload keeps me");
        var gone = await ui.AddAsync("Reload forgets me");
        await ui.ToggleAsync(kept);
        var editor = await ui.StartEditingAsync(kept);
        await editor.FillAsync("Reload keeps me, renamed");
        Assert.True((await ui.SaveEditAsync(editor, kept)).Ok);
        await ui.Item(gone).GetByTestId("todo-delete").ClickAsync();
        await Expect(ui.Item(gone)).ToHaveCountAsync(0);
        await ui.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // The read side has nothing: a plain read shows none of this.
        Assert.Equal(0, (await new TodoApi(app.Http).ListAsync()).Body.GetArrayLength());

        var listRequests = new List<string?>();
        ui.Page.Request += (_, r) => { if (r.Url.Contains("/api/todos?", StringComparison.Ordinal)) listRequests.Add(r.Headers.GetValueOrDefault("x-min-version")); };
        await ui.ReloadAsync();

        await Expect(ui.TextOf(kept)).ToHaveTextAsync("Reload keeps me, renamed");
        await Expect(ui.Item(kept)).ToHaveAttributeAsync("data-completed", "true");
        await Expect(ui.Item(gone)).ToHaveCountAsync(0);
        var tokens = Assert.Single(listRequests);
        Assert.Contains($"{kept}:3", tokens);
        Assert.Contains($"{gone}:2", tokens);
    }
}
