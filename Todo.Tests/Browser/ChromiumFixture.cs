using Microsoft.Playwright;
using Todo.Harness.Browser;

namespace Todo.Tests.Browser;

/// <summary>One headless Chromium per test class: Debian's, as the first-page benchmark launches it.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private Chromium? chromium;

    private Chromium Launched => chromium ?? throw new InvalidOperationException("Chromium has not started.");

    public IBrowser Browser => Launched.Browser;

    public async Task InitializeAsync()
    {
        // Expectations retry until this timeout. The default 5 s is tight on a machine that is also building;
        // a passing expectation returns as soon as it holds, so this only delays a real failure.
        Assertions.SetDefaultExpectTimeout(10_000);
        chromium = await Chromium.LaunchAsync();
    }

    /// <summary>A fresh context (own cookies and storage) whose relative URLs resolve against the app.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri baseUrl) =>
        Launched.NewContextAsync(baseUrl);

    public async Task DisposeAsync()
    {
        if (chromium is not null)
            await chromium.DisposeAsync();
    }
}
