using Microsoft.Playwright;

namespace Todo.Tests.Browser;

/// <summary>
/// One headless Chromium per test class. It is Debian's /usr/bin/chromium, not a browser Playwright downloads:
/// the Playwright driver (node and its package) comes with the NuGet package, which copies it to bin/.playwright,
/// and a launch with an explicit executable path never looks for Playwright's own browsers.
/// </summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private IPlaywright? playwright;
    private IBrowser? browser;

    public IBrowser Browser => browser ?? throw new InvalidOperationException("Chromium has not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's chromium package (./test.sh does).");

        // Expectations retry until this timeout. The default 5 s is tight on a machine that is also building;
        // a passing expectation returns as soon as it holds, so this only delays a real failure.
        Assertions.SetDefaultExpectTimeout(10_000);

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // No sandbox and no GPU: tests run as root in a container. The rest keeps Chromium from
            // calling out to Google's services: the tests only talk to the app on 127.0.0.1.
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh context (own cookies and storage) whose relative URLs resolve against the app.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri baseUrl) =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString() });

    public async Task DisposeAsync()
    {
        if (browser is not null)
            await browser.DisposeAsync();
        playwright?.Dispose();
    }
}
