using Microsoft.Playwright;

namespace Todo.Harness.Browser;

/// <summary>
/// A headless Debian /usr/bin/chromium, not a browser Playwright downloads: the Playwright driver (node and its
/// package) comes with the NuGet package, which copies it to bin/.playwright, and a launch with an explicit
/// executable path never looks for Playwright's own browsers.
/// </summary>
public sealed class Chromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright playwright;

    private Chromium(IPlaywright playwright, IBrowser browser) => (this.playwright, Browser) = (playwright, browser);

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: install Debian's chromium package (./test.sh and ./bench.sh do).");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                // No sandbox and no GPU: this runs as root in a container. The rest keeps Chromium from calling
                // out to Google's services: it only talks to the app on 127.0.0.1.
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                ],
            });
            return new Chromium(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh context (own cookies, storage and cache) whose relative URLs resolve against the app.</summary>
    public Task<IBrowserContext> NewContextAsync(Uri baseUrl) =>
        Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl.ToString() });

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
