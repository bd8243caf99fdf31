using Todo.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Todo.Tests.Browser;

/// <summary>The history panel: a todo's events after a sequence of changes, and the item as of each version, as the API has them.</summary>
[Slow]
public sealed class HistoryUiTests(LocalAppFixture app, ChromiumFixture chromium)
    : PageTests(app, chromium), IClassFixture<LocalAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task The_history_panel_lists_the_events_in_order_and_shows_the_item_as_of_each_version()
    {
        await Ui.OpenAsync();
        var id = await Ui.AddAsync("Buy milk");
        var editor = await Ui.StartEditingAsync(id);
        await editor.FillAsync("Buy oat milk");
        Assert.True((await Ui.SaveEditAsync(editor, id)).Ok);
        await Ui.ToggleAsync(id);
        await Ui.ToggleAsync(id);
        await Ui.ToggleAsync(id);

        await Ui.Item(id).GetByTestId("todo-history").ClickAsync();
        var dialog = Ui.Page.GetByTestId("history-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        var events = dialog.GetByTestId("history-event");
        await Expect(events).ToHaveCountAsync(5);
        Assert.Equal(["TodoCreated", "TodoTextChanged", "TodoCompleted", "TodoReopened", "TodoCompleted"],
            await events.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.type)"));
        await Expect(dialog.GetByTestId("history-change")).ToHaveTextAsync(["“Buy milk”", "“Buy milk” → “Buy oat milk”", "marked done", "marked not done", "marked done"]);
        var stored = (await App.EventsOfAsync(Guid.Parse(id))).Events;
        Assert.Equal(stored.Select(e => Todo.Domain.Timestamp.ToText(e.OccurredAt)), await dialog.Locator("time").EvaluateAllAsync<string[]>("ts => ts.map(t => t.dateTime)"));

        var api = new TodoApi(App.Http);
        for (var version = 1; version <= 5; version++)
        {
            await events.Nth(version - 1).GetByTestId("show-as-of").ClickAsync();
            var asOf = (await api.SendAsync(HttpMethod.Get, $"/api/todos/{id}?asOfVersion={version}")).Body;
            var view = dialog.GetByTestId("as-of-view");
            await Expect(view).ToContainTextAsync($"As of version {version}");
            await Expect(view.GetByTestId("as-of-text")).ToHaveTextAsync(asOf.GetProperty("text").GetString()!);
            await Expect(view.GetByTestId("as-of-completed")).ToHaveTextAsync(asOf.GetProperty("completed").GetBoolean() ? "done" : "not done");
        }
        await Expect(dialog.GetByTestId("as-of-text")).ToHaveTextAsync("Buy oat milk");
        await Ui.ScreenshotAsync("history");
        await Ui.AssertAccessibleAsync("history panel");

        await Ui.Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(Ui.Item(id).GetByTestId("todo-history")).ToBeFocusedAsync();
    }
}
