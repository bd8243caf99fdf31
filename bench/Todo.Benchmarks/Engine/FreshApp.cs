using Amazon.DynamoDBv2;
using Microsoft.Extensions.Logging;
using Todo.Benchmarks.Api;
using Todo.Harness.Load;
using Todo.Local;

namespace Todo.Benchmarks.Engine;

/// <summary>
/// The local host in this process on a fresh in-memory DynamoDB Local: the engine slows as its
/// stream grows, so every end-to-end benchmark starts on one of its own. It runs the open API
/// (AuthMode none): the benchmarks measure the backend, not sign-in.
/// </summary>
public sealed class FreshApp : IAsyncDisposable
{
    private readonly LocalApp app;
    private readonly HttpClient http;

    private FreshApp(LocalApp app, TimeSpan streamPollInterval)
    {
        this.app = app;
        StreamPollInterval = streamPollInterval;
        Tables = BenchTables.From(app.Template);
        http = new HttpClient { BaseAddress = app.BaseUrl };
        Api = new TodoHttp(http);
    }

    public Uri BaseUrl => app.BaseUrl;
    public IAmazonDynamoDB DynamoDb => app.DynamoDb;
    public Uri DynamoDbUrl => app.DynamoDbUrl;
    public Local.Template.SamTemplate Template => app.Template;
    public BenchTables Tables { get; }
    public TodoHttp Api { get; }
    public TimeSpan StreamPollInterval { get; }

    /// <param name="dataFolder">Where the tables are kept, for a benchmark that restarts the host on them; in memory when null.</param>
    public static async Task<FreshApp> StartAsync(string root, TimeSpan? streamPollInterval = null, string? dataFolder = null)
    {
        var options = new LocalOptions { Root = root, Port = 0, DataFolder = dataFolder, AuthMode = LocalApp.NoAuth, Parameters = RateLimits.Lifted };
        if (streamPollInterval is { } interval)
            options = options with { StreamPollInterval = interval };
        var app = await LocalApp.StartAsync(options, logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning), CancellationToken.None);
        return new FreshApp(app, options.StreamPollInterval);
    }

    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        await app.DisposeAsync();
    }
}
