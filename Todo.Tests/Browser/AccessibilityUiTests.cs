using Microsoft.Playwright;
using Todo.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Todo.Tests.Browser;

/// <summary>
/// The app with the keyboard alone, and axe-core on each main state (no serious or critical violation), at a
/// desktop width and at 360 px; each state is saved as a screenshot under TestResults/screenshots.
/// </summary>
[Slow]
public sealed class AccessibilityUiTests(LocalAppFixture app, ChromiumFixture chromium)
    : PageTests(app, chromium, new ViewportSize { Width = 1000, Height = 760 }), IClassFixture<LocalAppFixture>, IClassFixture<ChromiumFixture>
{
    private IPage Page => Ui.Page;

    private ILocator Focused => Page.Locator(":focus");

    [Fact]
    public async Task Everything_works_with_the_keyboard_alone()
    {
        await new TodoApi(App.Http).DeleteEveryTodoAsync();
        await Ui.OpenAsync();
        await Expect(Ui.Input).ToBeFocusedAsync();

        // Add two todos with Enter.
        foreach (var text in new[] { "Keyboard one", "Keyboard two" })
        {
            await Page.Keyboard.TypeAsync(text);
            await Page.Keyboard.PressAsync("Enter");
        }
        // Rows by id: an open editor holds its text as a value, which a text filter does not see.
        ILocator Row(string text) => Ui.Items.Filter(new LocatorFilterOptions { HasText = text }).And(Page.Locator("[data-pending='false']"));
        var first = Ui.Item((await Row("Keyboard one").GetAttributeAsync("data-id"))!);
        var second = Ui.Item((await Row("Keyboard two").GetAttributeAsync("data-id"))!);

        // Space on the checkbox completes it.
        await Ui.TabToAsync(first.GetByTestId("todo-toggle"));
        await Page.Keyboard.PressAsync("Space");
        await Expect(first).ToHaveAttributeAsync("data-completed", "true");

        // Enter on Edit opens the editor with the focus in it; Enter saves and gives the focus back.
        await Ui.TabToAsync(first.GetByTestId("todo-edit"));
        await Page.Keyboard.PressAsync("Enter");
        var editor = first.GetByTestId("todo-edit-input");
        await Expect(editor).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("End");
        await Page.Keyboard.TypeAsync(" edited");
        await Page.RunAndWaitForResponseAsync(() => Page.Keyboard.PressAsync("Enter"), r => r.Request.Method == "PUT");
        var renamed = first;
        await Expect(renamed.GetByTestId("todo-text")).ToHaveTextAsync("Keyboard one edited");
        await Expect(renamed.GetByTestId("todo-edit")).ToBeFocusedAsync();

        // Escape cancels an edit, and the focus comes back too.
        await Page.Keyboard.PressAsync("Enter");
        await Expect(editor).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(" not saved");
        await Page.Keyboard.PressAsync("Escape");
        await Expect(renamed.GetByTestId("todo-text")).ToHaveTextAsync("Keyboard one edited");
        await Expect(renamed.GetByTestId("todo-edit")).ToBeFocusedAsync();

        // The history opens as a dialog, holds the focus, and Escape returns it.
        await Ui.TabToAsync(renamed.GetByTestId("todo-history"));
        await Page.Keyboard.PressAsync("Enter");
        var dialog = Page.GetByTestId("history-dialog");
        await Expect(dialog.GetByTestId("history-event")).ToHaveCountAsync(3);
        Assert.True(await dialog.EvaluateAsync<bool>("d => d.contains(document.activeElement)"));
        await Page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(renamed.GetByTestId("todo-history")).ToBeFocusedAsync();

        // A filter link follows with Enter.
        await Ui.TabToAsync(Page.GetByTestId("filter-completed"));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("#/completed$"));
        await Expect(Ui.Items).ToHaveCountAsync(1);
        await Ui.TabToAsync(Page.GetByTestId("filter-all"));
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Ui.Items).ToHaveCountAsync(2);

        // Delete moves the focus on to the next row rather than losing it.
        await Ui.TabToAsync(renamed.GetByTestId("todo-delete"));
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
        await new TodoApi(App.Http).DeleteEveryTodoAsync();
        await Ui.OpenAsync();
        await Expect(Page.GetByTestId("empty-state")).ToBeVisibleAsync();
        await Ui.AssertAccessibleAsync("empty");
        await Ui.ScreenshotAsync("empty");

        var ids = new List<string>();
        foreach (var text in new[] { "Buy oat milk", "Walk the dog", "Book the dentist", "Water the plants", "Call the bank about the card" })
            ids.Add(await Ui.AddAsync(text));
        await Ui.ToggleAsync(ids[1]);
        await Ui.ToggleAsync(ids[3]);
        await Ui.AssertAccessibleAsync("list");
        await Ui.ScreenshotAsync("list");

        await Page.GetByTestId("filter-active").ClickAsync();
        await Expect(Ui.Items).ToHaveCountAsync(3);
        await Ui.AssertAccessibleAsync("filtered");
        await Ui.ScreenshotAsync("filtered");
        await Page.GetByTestId("filter-all").ClickAsync();

        var editor = await Ui.StartEditingAsync(ids[0]);
        await Ui.AssertAccessibleAsync("editing");
        await Ui.ScreenshotAsync("editing");
        await editor.PressAsync("Escape");

        await Ui.Input.FillAsync(new string('x', 1001));
        await Ui.Input.PressAsync("Enter");
        await Expect(Ui.Error).ToBeVisibleAsync();
        await Ui.AssertAccessibleAsync("error");
        await Ui.ScreenshotAsync("error");
        await Ui.Input.FillAsync("");

        await Page.SetViewportSizeAsync(360, 740);
        await Ui.AssertAccessibleAsync("360 px");
        await Ui.ScreenshotAsync("list-360px");
        // Nothing is wider than the screen at 360 px.
        Assert.True(await Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 360"));
        await Ui.Item(ids[0]).GetByTestId("todo-history").ClickAsync();
        await Expect(Page.GetByTestId("history-event")).ToHaveCountAsync(1);
        await Ui.AssertAccessibleAsync("history at 360 px");
        await Ui.ScreenshotAsync("history-360px");
    }
}
