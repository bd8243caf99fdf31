using Microsoft.Extensions.Logging;
using Todo.Local;

namespace Todo.Tests.Support;

/// <summary>
/// The whole local app, as ./run.sh starts it, on a fresh in-memory DynamoDB Local and a free port.
/// One per test class: the engine slows down as its streams grow, so classes do not share one.
/// </summary>
public class LocalAppFixture : IAsyncLifetime
{
    private LocalApp? app;

    public LocalApp App => app ?? throw new InvalidOperationException("The app has not started.");

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        app = await LocalApp.StartAsync(
            new LocalOptions { Root = Repository.Root, Port = 0, StreamPollInterval = TimeSpan.FromMilliseconds(10) },
            logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning),
            CancellationToken.None);
        Http = new HttpClient { BaseAddress = app.BaseUrl };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (app is not null)
            await app.DisposeAsync();
    }
}
