using Amazon.DynamoDBv2.Model;
using Microsoft.Extensions.Logging;
using Todo.Harness.Load;
using Todo.Local;
using Todo.Store.Events;

namespace Todo.Tests.Support;

/// <summary>
/// The whole local app, as ./run.sh starts it, on a fresh in-memory DynamoDB Local and a free port.
/// One per test class: the engine slows down as its streams grow, so classes do not share one.
/// It runs the open API (<see cref="AuthMode"/> none, as <c>./run.sh --no-auth</c>): the contract tests
/// call it without a token, as the classic contract's clients do. <see cref="SignInAppFixture"/> runs
/// it with sign-in.
/// </summary>
public class LocalAppFixture : IAsyncLifetime
{
    private LocalApp? app;
    private HttpClient? http;

    public LocalApp App => app ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>A client of the original contract: it sends no cookie back, so each read is as the API answers anyone.</summary>
    public HttpClient Http => http ?? throw new InvalidOperationException("The app has not started.");

    /// <summary>How often the stream is read when idle.</summary>
    protected virtual TimeSpan StreamPollInterval => TimeSpan.FromMilliseconds(10);

    /// <summary>Whether the stream projection runs; without it the read table never catches up.</summary>
    protected virtual bool Projects => true;

    /// <summary>The port the app listens on; 0 picks a free one.</summary>
    protected virtual int Port => 0;

    /// <summary>The template's AuthMode the app runs with.</summary>
    protected virtual string AuthMode => LocalApp.NoAuth;

    /// <summary>
    /// The template's parameters the app runs with. Every test client comes from one address, so the per-client rate
    /// limits are lifted unless a fixture asks for them.
    /// </summary>
    protected virtual IReadOnlyDictionary<string, string> Parameters => RateLimits.Lifted;

    /// <summary>API Gateway's limits on a WebSocket connection, which a fixture may shorten.</summary>
    protected virtual Todo.Local.Live.LiveLimits LiveLimits => Todo.Local.Live.LiveLimits.ApiGateway;

    /// <summary>Where the functions' log lines are kept; none unless a fixture asks.</summary>
    protected virtual string? LogsFolder => null;

    /// <summary>Where the tables are kept between starts; none (in memory) unless a fixture asks.</summary>
    protected virtual string? DataFolder => null;

    /// <summary>Where the host records its endpoints (as ./run.sh's <c>.local/endpoints.json</c>); none unless a fixture asks.</summary>
    public virtual string? EndpointsFile => null;

    public string EventsTable => TableName("EventsTable");

    public string TodosTable => TableName("TodosTable");

    public string ParkedTable => TableName("ParkedTable");

    public string TodosGreenTable => TableName("TodosGreenTable");

    public string ReadPointerTable => TableName("ReadPointerTable");

    /// <summary>A todo's events as the events table holds them.</summary>
    public Task<EventStream> EventsOfAsync(Guid todoId) => new EventStore(App.DynamoDb, EventsTable).ReadAsync(todoId, CancellationToken.None);

    /// <summary>Every event of every todo: a test's way to prove that nothing was written (never a request path).</summary>
    public async Task<int> CountEventsAsync() =>
        (await App.DynamoDb.ScanAsync(new ScanRequest { TableName = EventsTable, Select = Amazon.DynamoDBv2.Select.COUNT, ConsistentRead = true })).Count ?? 0;

    private string TableName(string logicalId) => App.Template.Tables.Single(t => t.LogicalId == logicalId).Create.TableName;

    public virtual Task InitializeAsync() => StartAsync();

    private async Task StartAsync()
    {
        app = await LocalApp.StartAsync(
            new LocalOptions
            {
                Root = Repository.Root, Port = Port, StreamPollInterval = StreamPollInterval, RunsStreamMappings = Projects, LogsFolder = LogsFolder,
                AuthMode = AuthMode, DataFolder = DataFolder, EndpointsFile = EndpointsFile, Parameters = Parameters, LiveLimits = LiveLimits,
            },
            logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning),
            CancellationToken.None);
        http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = app.BaseUrl };
    }

    /// <summary>A client that keeps the cookies the app sets, as a browser does; the caller disposes it.</summary>
    public HttpClient NewCookieKeepingClient() =>
        new(new SocketsHttpHandler { UseCookies = true, CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = App.BaseUrl };

    /// <summary>Stops the app and starts it again, on the same <see cref="DataFolder"/>, as a second ./run.sh does.</summary>
    protected async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>Also after a failed start, which leaves nothing to dispose.</summary>
    public virtual Task DisposeAsync() => StopAsync();

    private async Task StopAsync()
    {
        http?.Dispose();
        if (app is not null)
            await app.DisposeAsync();
        (app, http) = (null, null);
    }
}
