using Microsoft.Playwright;
using Todo.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Todo.Tests.Browser;

/// <summary>
/// The app with the keyboard alone, and axe-core on each main state (no serious or critical violation), at a
/// desktop width and at 360 px; each state is saved as a screenshot under TestResults/screenshots.
/// </summary>
public sealed class AccessibilityUiTests(LocalAppFixture app, ChromiumFixture chromium)
    : IClassFixture<LocalAppFixture>, IClassFixture<ChromiumFixture>, IAsyncLifetime
{
    private IBrowserContext context = null!;
    private TodoPage ui = null!;

    public async Task InitializeAsync()
    {
        context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.App.BaseUrl.ToString(), ViewportSize = new ViewportSize { Width = 1000, Height = 760 } });
        ui = new TodoPage(await context.NewPageAsync());
    }

    public Task DisposeAsync() => context.CloseAsync();

    private IPage Page => ui.Page;

    private ILocator Focused => Page.Locator(":focus");

    [Fact]
    public async Task Everything_works_with_the_keyboard_alone()
    {
        await new TodoApi(app.Http).DeleteEveryTodoAsync();
        await ui.OpenAsync();
        await Expect(ui.Input).ToBeFocusedAsync();

        // Add two todos with Enter.
        foreach (var text in new[] { "Keyboard one", "Keyboard two" })
        {
            await Page.Keyboard.TypeAsync(text);
            await Page.Keyboard.PressAsync("Enter");
        }
        // Rows by id: an open editor holds its text as a value, which a text filter does not see.
        ILocator Row(string text) => ui.Items.Filter(new LocatorFilterOptions { HasText = text }).And(Page.Locator("[data-pending='false']"));
        var first = ui.Item((await Row("Keyboard one").GetAttributeAsync("data-id"))!);
        var second = ui.Item((await Row("Keyboard two").GetAttributeAsync("data-id"))!);

        // Space on the checkbox completes it.
        await ui.TabToAsync(first.GetByTestId("todo-toggle"));
        await Page.Keyboard.PressAsync("Space");
        await Expect(first).ToHaveAttributeAsync("data-completed", "true");

        // Enter on Edit opens the editor with the focus in it; Enter saves and gives the focus back.
        await ui.TabToAsync(first.GetByTestId("todo-edit"));
        await Page.Keyboard.PressAsync("Enter");
        var editor = first.GetByTestId("todo-edit-input");
        await Expect(editor).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("End");
        await Page.Keyboard.TypeAsync(" edited");
        await Page.Keyboard.PressAsync("Enter");
        var renamed = first;
        await Expect(renamed.GetByTestId("todo-text")).ToHaveTextAsync("Keyboard one edited");
        await Expect(renamed.GetByTestId("todo-edit")).ToBeFocusedAsync();

        // Escape cancels an edit, and the focus comes back too.
        await Page.Keyboard.PressAsync("Enter");
        await Page.Keyboard.TypeAsync(" not saved");
        await Page.Keyboard.PressAsync("Escape");
        await Expect(renamed.GetByTestId("todo-text")).ToHaveTextAsync("Keyboard one edited");
        await Expect(renamed.GetByTestId("todo-edit")).ToBeFocusedAsync();

        // The history opens as a dialog, holds the focus, and Escape returns it.
        await ui.TabToAsync(renamed.GetByTestId("todo-history"));
        await Page.Keyboard.PressAsync("Enter");
        var dialog = Page.GetByTestId("history-dialog");
        await Expect(dialog.GetByTestId("history-event")).ToHaveCountAsync(3);
        Assert.True(await dialog.EvaluateAsync<bool>("d => d.contains(document.activeElement)"));
        await Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(renamed.GetByTestId("todo-history")).ToBeFocusedAsync();

        // A filter link follows with Enter.
        await ui.TabToAsync(Page.GetByTestId("filter-completed"));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/completed$"));
        await Expect(ui.Items).ToHaveCountAsync(1);
        await ui.TabToAsync(Page.GetByTestId("filter-all"));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(ui.Items).ToHaveCountAsync(2);

        // Delete moves the focus on to the next row rather than losing it.
        await ui.TabToAsync(renamed.GetByTestId("todo-delete"));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(renamed).ToHaveCountAsync(0);
        await Expect(second.GetByTestId("todo-toggle")).ToBeFocusedAsync();

        // The focus is always visible: every control shows an outline when reached by keyboard.
        var outline = await Focused.EvaluateAsync<string>("e => getComputedStyle(e).outlineStyle");
        Assert.NotEqual("none", outline);
    }

    [Fact]
    public async Task Each_main_state_has_no_serious_or_critical_axe_violation_and_is_saved_as_a_screenshot()
    {
        await new TodoApi(app.Http).DeleteEveryTodoAsync();
        await ui.OpenAsync();
        await Expect(Page.GetByTestId("empty-state")).ToBeVisibleAsync();
        await ui.AssertAccessibleAsync("empty");
        await ui.ScreenshotAsync("empty");

        var ids = new List<string>();
        foreach (var text in new[] { "Buy oat milk", "Walk the dog", "Book the dentist", "Water the plants", "Call the bank about the card" })
            ids.Add(await ui.AddAsync(text));
        await ui.ToggleAsync(ids[1]);
        await ui.ToggleAsync(ids[3]);
        await ui.AssertAccessibleAsync("list");
        await ui.ScreenshotAsync("list");

        await Page.GetByTestId("filter-active").ClickAsync();
        await Expect(ui.Items).ToHaveCountAsync(3);
        await ui.AssertAccessibleAsync("filtered");
        await ui.ScreenshotAsync("filtered");
        await Page.GetByTestId("filter-all").ClickAsync();

        var editor = await ui.StartEditingAsync(ids[0]);
        await ui.AssertAccessibleAsync("editing");
        await ui.ScreenshotAsync("editing");
        await editor.PressAsync("Escape");

        await ui.Input.FillAsync(new string('x', 1001));
        await ui.Input.PressAsync("Enter");
        await Expect(ui.Error).ToBeVisibleAsync();
        await ui.AssertAccessibleAsync("error");
        await ui.ScreenshotAsync("error");
        await ui.Input.FillAsync("");

        await Page.SetViewportSizeAsync(360, 740);
        await ui.AssertAccessibleAsync("360 px");
        await ui.ScreenshotAsync("list-360px");
        // Nothing is wider than the screen at 360 px.
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"));
        await ui.Item(ids[0]).GetByTestId("todo-history").ClickAsync();
        await Expect(Page.GetByTestId("history-event")).ToHaveCountAsync(1);
        await ui.AssertAccessibleAsync("history at 360 px");
        await ui.ScreenshotAsync("history-360px");
    }
}
