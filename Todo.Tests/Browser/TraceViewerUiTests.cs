using Todo.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Todo.Tests.Browser;

/// <summary>The trace viewer at /traces: a todo just created, found from its history, shown as one waterfall through the projection.</summary>
[Slow]
public sealed class TraceViewerUiTests(LocalAppFixture app, ChromiumFixture chromium)
    : PageTests(app, chromium), IClassFixture<LocalAppFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task The_viewer_shows_the_trace_of_a_todo_just_created_from_the_stage_to_the_projection()
    {
        await Ui.OpenAsync();
        var id = await Ui.AddAsync("Trace this");

        await Ui.Item(id).GetByTestId("todo-history").ClickAsync();
        await Ui.Page.GetByTestId("history-trace").ClickAsync();

        var waterfall = Ui.Page.GetByTestId("waterfall");
        await Expect(waterfall).ToBeVisibleAsync();
        var rows = waterfall.GetByTestId("waterfall-row");
        await Expect(rows.Filter(new() { HasText = "## create-todo" })).ToHaveCountAsync(1);
        await Expect(waterfall.Locator("[data-kind='AWS::ApiGateway::Stage']")).ToHaveCountAsync(1);
        await Expect(waterfall.Locator("[data-kind='AWS::Lambda::Function']")).ToHaveCountAsync(1);
        // The app sends an Idempotency-Key, so the event and its record are one TransactWriteItems.
        await Expect(rows.Filter(new() { HasText = "aws.operation=TransactWriteItems" })).ToHaveCountAsync(1);
        // Recorded after the response: the viewer reads the trace again until it is there.
        var projection = waterfall.Locator("[data-name='Project TodoCreated']");
        await Expect(projection).ToHaveCountAsync(1);
        await Expect(projection).ToContainTextAsync("after the response");
        await Expect(projection).ToContainTextAsync($"todo_id={id}");
        await Expect(Ui.Page.GetByTestId("trace-list")).ToBeVisibleAsync();
        Assert.StartsWith("1-", await waterfall.GetAttributeAsync("data-trace-id"));
        await Ui.ScreenshotAsync("trace-viewer");
        await Ui.AssertAccessibleAsync("trace viewer");
    }
}
