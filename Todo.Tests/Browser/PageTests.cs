using Microsoft.Playwright;
using Todo.Tests.Support;

namespace Todo.Tests.Browser;

/// <summary>A browser test class: each test gets a fresh context (own storage) on the class's app, and the app's page in it.</summary>
public abstract class PageTests(LocalAppFixture app, ChromiumFixture chromium, ViewportSize? viewport = null) : IAsyncLifetime
{
    protected LocalAppFixture App { get; } = app;

    protected IBrowserContext Context { get; private set; } = null!;

    protected TodoPage Ui { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.App.BaseUrl.ToString(), ViewportSize = viewport });
        Ui = new TodoPage(await Context.NewPageAsync());
    }

    public Task DisposeAsync() => Context.CloseAsync();
}
