using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.FileProviders;
using Todo.Local.ApiGateway;
using Todo.Local.Cognito;
using Todo.Local.DynamoDb;
using Todo.Local.Live;
using Todo.Local.Streams;
using Todo.Lambda.Observability.Tracing;
using Todo.Local.Template;
using Todo.Local.XRay;
using Todo.LocalStack;

namespace Todo.Local;

/// <summary>
/// The whole app on one machine, from template.yaml: DynamoDB Local with the template's tables,
/// cognito-local with its user pool (unless AuthMode is none), the API routes, the stream projection and
/// the web app, on 127.0.0.1 only.
/// </summary>
public sealed class LocalApp : IAsyncDisposable
{
    /// <summary>The template parameter naming the one origin the API allows across origins (CORS).</summary>
    public const string AllowedOriginParameter = "AllowedOrigin";

    /// <summary>The template parameter choosing sign-in (<see cref="SignIn"/>) or the open API (<see cref="NoAuth"/>).</summary>
    public const string AuthModeParameter = "AuthMode";
    public const string SignIn = "cognito";
    public const string NoAuth = "none";

    private readonly WebApplication web;
    private readonly DynamoDbLocal engine;
    private readonly LocalUsers? users;
    private readonly HttpClient streamsHttp;
    private readonly CancellationTokenSource stopping;
    private readonly List<Task> pollers;
    private readonly XRayDaemon daemon;
    private readonly List<FunctionLogs> logs;
    private readonly string? endpointsFile;

    private LocalApp(WebApplication web, Uri baseUrl, DynamoDbLocal engine, LocalUsers? users, AmazonDynamoDBClient dynamoDb, SamTemplate template,
        HttpClient streamsHttp, CancellationTokenSource stopping, List<Task> pollers, XRayDaemon daemon, TraceStore traces, List<FunctionLogs> logs,
        LocalEndpoints endpoints, string? endpointsFile, LiveEmulator? live)
    {
        Live = live;
        this.web = web;
        this.engine = engine;
        this.users = users;
        this.streamsHttp = streamsHttp;
        this.stopping = stopping;
        this.pollers = pollers;
        this.daemon = daemon;
        this.logs = logs;
        this.endpointsFile = endpointsFile;
        BaseUrl = baseUrl;
        DynamoDb = dynamoDb;
        Template = template;
        Traces = new LocalTraces(traces, daemon.Address, new Uri(baseUrl, "traces"));
        Endpoints = endpoints;
    }

    /// <summary>Where this stack's services are, as <c>.local/endpoints.json</c> holds them for todoctl and tools.</summary>
    public LocalEndpoints Endpoints { get; }

    /// <summary>The traces the functions and the emulated services recorded, the daemon they are sent to, and the viewer page.</summary>
    public LocalTraces Traces { get; }

    public Uri BaseUrl { get; }

    /// <summary>The template's WebSocket API; null without one.</summary>
    public LiveEmulator? Live { get; }

    /// <summary>Its URL, <c>ws://127.0.0.1:port/_live</c>, as config.json names it; null without one.</summary>
    public Uri? LiveUrl => Live is null ? null : new Uri($"ws://{BaseUrl.Authority}{LiveEmulator.Path}");

    /// <summary>The app's own origin, <c>http://127.0.0.1:port</c>: the one its API allows, in place of the template's AllowedOrigin.</summary>
    public string Origin => OriginOf(BaseUrl);

    public IAmazonDynamoDB DynamoDb { get; }
    public SamTemplate Template { get; }
    public Uri DynamoDbUrl => engine.ServiceUrl;

    /// <summary>The supervised engine: where it serves, its process, and how often it was started again.</summary>
    public DynamoDbLocal Engine => engine;

    /// <summary>The user pool on cognito-local; null when the API is open (AuthMode none).</summary>
    public LocalUsers? Users => users;

    /// <summary>Completes when the host is asked to stop: Ctrl-C or SIGTERM, which the host's console lifetime handles.</summary>
    public Task WaitForShutdownAsync()
    {
        var stopped = new TaskCompletionSource();
        web.Lifetime.ApplicationStopping.Register(() => stopped.TrySetResult());
        return stopped.Task;
    }

    /// <summary>
    /// Binds the port first: only the bound port (Port 0 picks one) gives the app's own origin, which the
    /// template is then loaded with as its AllowedOrigin, for the API's CORS and the functions' answers alike.
    /// </summary>
    public static async Task<LocalApp> StartAsync(LocalOptions options, Action<ILoggingBuilder> logging, CancellationToken cancellationToken)
    {
        var api = new TaskCompletionSource<ApiGatewayEmulator>(TaskCreationOptions.RunContinuationsAsynchronously);
        var live = new TaskCompletionSource<LiveEmulator?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var config = new TaskCompletionSource<WebAppConfig>(TaskCreationOptions.RunContinuationsAsynchronously);
        var securityHeaders = new TaskCompletionSource<IReadOnlyDictionary<string, string>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var traces = new TraceStore();
        var web = BuildWeb(options, logging, api.Task, live.Task, config.Task, securityHeaders.Task, traces);
        try
        {
            var baseUrl = await ListenAsync(web, options.Port, cancellationToken);
            var parameters = new Dictionary<string, string>(options.Parameters) { [AllowedOriginParameter] = OriginOf(baseUrl) };
            if (options.AuthMode is { } authMode)
                parameters[AuthModeParameter] = authMode;
            var template = TemplateLoader.Load(options.TemplatePath, options.StackName, parameters);
            var users = template.Authorizer is { } authorizer
                ? await LocalUsers.StartAsync(authorizer, options.CognitoToolsFolder, options.CognitoDataFolder,
                    web.Services.GetRequiredService<ILoggerFactory>().CreateLogger<LocalUsers>(), cancellationToken)
                : null;
            securityHeaders.SetResult(LocalSecurityHeaders(template.SecurityHeaders ?? new Dictionary<string, string>(), users?.Endpoint));
            DynamoDbLocal engine;
            try
            {
                engine = await DynamoDbLocal.StartAsync(options.ToolsFolder, options.DataFolder,
                    web.Services.GetRequiredService<ILoggerFactory>().CreateLogger<DynamoDbLocal>(), cancellationToken);
            }
            catch
            {
                if (users is not null)
                    await users.DisposeAsync();
                throw;
            }
            // Before any client is built: the SDK applies pipeline hooks when a client is made.
            DynamoDbTracing.Register();
            var dynamoDb = new CapacityReportingClient(
                new BasicAWSCredentials(LocalAws.AccessKey, LocalAws.SecretKey),
                new AmazonDynamoDBConfig { ServiceURL = engine.ServiceUrl.ToString(), AuthenticationRegion = LocalAws.Region });
            var streamsHttp = new HttpClient();
            var loggers = web.Services.GetRequiredService<ILoggerFactory>();
            var daemon = new XRayDaemon(traces, loggers.CreateLogger<XRayDaemon>());
            var logs = template.Functions.Select(f => new FunctionLogs(f.LogicalId, options.LogsFolder, options.LogsToConsole ? Console.Out : null)).ToList();
            try
            {
                var tables = await TableProvisioner.EnsureAsync(dynamoDb, template.Tables, cancellationToken);
                var functions = template.Functions.Zip(logs).ToDictionary(f => f.First.LogicalId,
                    f => FunctionHost.Create(LocalVariables.Rewrite(f.First, template, baseUrl, users), dynamoDb, logs: f.Second, daemonAddress: daemon.Address));
                var lambda = new LambdaService(traces);

                var routes = new RouteTable(template.Functions.SelectMany(f => f.Routes.Select(r => (r, f.LogicalId, functions[f.LogicalId]))));
                api.SetResult(new ApiGatewayEmulator(routes, template.Cors,
                    users is null ? null : (users.Authorizer, template.Authorizer!.UnauthorizedHeaders),
                    loggers.CreateLogger<ApiGatewayEmulator>(), lambda, traces, $"{options.StackName}-api/{ProxyEventBuilder.Stage}",
                    (template.ApiOriginHeaders ?? new Dictionary<string, string>(), template.Firewall)));
                var liveApi = template.Live is { } definition
                    ? new LiveEmulator(definition, functions, lambda, options.LiveLimits, loggers.CreateLogger<LiveEmulator>())
                    : null;
                live.SetResult(liveApi);
                config.SetResult(new WebAppConfig(users?.SignInEndpoint, XRayApi.Prefix, liveApi is null ? null : $"ws://{baseUrl.Authority}{LiveEmulator.Path}"));

                var streams = new DynamoDbStreamsClient(streamsHttp, engine.ServiceUrl, LocalAws.Region, LocalAws.AccessKey, LocalAws.SecretKey);
                var checkpoints = new CheckpointStore(options.DataFolder is null ? null : Path.Combine(options.DataFolder, "stream-checkpoints.json"));
                // All of them built before any starts, so a mapping that fails leaves none running.
                var pollers = template.Functions
                    .Where(_ => options.RunsStreamMappings)
                    .SelectMany(f => f.Streams.Select(mapping => new StreamPoller(
                        streams,
                        tables[mapping.TableLogicalId].LatestStreamArn ?? throw new TemplateException($"{mapping.TableLogicalId} has no stream."),
                        mapping, f.LogicalId, functions[f.LogicalId], checkpoints, options.StreamPollInterval,
                        loggers.CreateLogger<StreamPoller>(), lambda: lambda)))
                    .ToList();
                using (var self = new HttpClient { BaseAddress = baseUrl })
                    await FunctionWarmUp.RunAsync(template, dynamoDb, self, cancellationToken);
                // The host is the file's one writer: the whole file, once everything in it is up.
                var endpoints = new LocalEndpoints(engine.ServiceUrl.ToString(), LocalAws.Region,
                    template.Tables.ToDictionary(t => t.LogicalId, t => t.Create.TableName), users?.SignInEndpoint);
                if (options.EndpointsFile is { } endpointsFile)
                    endpoints.WriteTo(endpointsFile);
                var stopping = new CancellationTokenSource();
                var running = pollers.Select(poller => Task.Run(() => poller.RunAsync(stopping.Token))).ToList();
                return new LocalApp(web, baseUrl, engine, users, dynamoDb, template, streamsHttp, stopping, running, daemon, traces, logs,
                    endpoints, options.EndpointsFile, liveApi);
            }
            catch
            {
                await daemon.DisposeAsync();
                logs.ForEach(l => l.Dispose());
                streamsHttp.Dispose();
                dynamoDb.Dispose();
                await engine.DisposeAsync();
                if (users is not null)
                    await users.DisposeAsync();
                throw;
            }
        }
        catch
        {
            api.TrySetCanceled(CancellationToken.None);
            live.TrySetCanceled(CancellationToken.None);
            config.TrySetCanceled(CancellationToken.None);
            securityHeaders.TrySetCanceled(CancellationToken.None);
            await web.StopAsync(CancellationToken.None);
            await web.DisposeAsync();
            throw;
        }
    }

    /// <summary>The API routes (whose requests wait until the functions are ready) and the web app, on 127.0.0.1.</summary>
    private static WebApplication BuildWeb(LocalOptions options, Action<ILoggingBuilder> logging, Task<ApiGatewayEmulator> api, Task<LiveEmulator?> live, Task<WebAppConfig> config,
        Task<IReadOnlyDictionary<string, string>> securityHeaders, TraceStore traces)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        logging(builder.Logging);
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        // A page of another site whose name resolves here (DNS rebinding) sends its own name as Host: it is refused,
        // so it can read neither the API nor /_xray.
        builder.Services.AddHostFiltering(filtering => filtering.AllowedHosts = ["127.0.0.1", "localhost"]);
        var web = builder.Build();
        web.UseHostFiltering();
        // What CloudFront's response headers policy adds to every answer, the app's and the API's alike.
        web.Use(async (http, next) =>
        {
            var headers = await securityHeaders.WaitAsync(http.RequestAborted);
            http.Response.OnStarting(() =>
            {
                foreach (var (name, value) in headers)
                    http.Response.Headers.TryAdd(name, value);
                return Task.CompletedTask;
            });
            await next(http);
        });
        ServeApiDocs(web, options.ApiDocsFolder);
        ServeConfig(web, config);
        web.MapPost($"{XRayApi.Prefix}/TraceSummaries", http => XRayApi.TraceSummariesAsync(http, traces));
        web.MapPost($"{XRayApi.Prefix}/Traces", http => XRayApi.TracesAsync(http, traces));
        web.MapWhen(http => http.Request.Path.StartsWithSegments("/api"),
            branch => branch.Run(async http => await (await api.WaitAsync(http.RequestAborted)).HandleAsync(http)));
        ServeLive(web, live);
        ServeWebApp(web, options.WebFolder);
        return web;
    }

    /// <summary>The WebSocket API at /_live and its management API at /_live/@connections/{id}; 404 when the template has none.</summary>
    private static void ServeLive(WebApplication web, Task<LiveEmulator?> live)
    {
        web.UseWebSockets();
        web.MapWhen(http => http.Request.Path.StartsWithSegments(LiveEmulator.Path), branch => branch.Run(async http =>
        {
            if (await live.WaitAsync(http.RequestAborted) is not { } emulator)
                await ApiGatewayEmulator.WriteMessageAsync(http.Response, 404, "Not Found");
            else if (http.Request.Path.Value!.StartsWith(ConnectionsApi.Prefix, StringComparison.Ordinal))
                await new ConnectionsApi(emulator).HandleAsync(http);
            else if (http.Request.Path.Value is LiveEmulator.Path)
                await emulator.HandleAsync(http);
            else
                await ApiGatewayEmulator.WriteMessageAsync(http.Response, 404, "Not Found");
        }));
    }

    private static string OriginOf(Uri url) => url.GetLeftPart(UriPartial.Authority);

    /// <summary>The template's headers as they apply here: the page signs in with cognito-local, not the region's Cognito, so its CSP lets it.</summary>
    private static IReadOnlyDictionary<string, string> LocalSecurityHeaders(IReadOnlyDictionary<string, string> headers, Uri? signIn)
    {
        const string policy = "Content-Security-Policy", connect = "connect-src ";
        var local = new Dictionary<string, string>(headers);
        if (signIn is not null && local.TryGetValue(policy, out var csp) && csp.Contains(connect, StringComparison.Ordinal))
            local[policy] = csp.Replace(connect, connect + OriginOf(signIn) + " ", StringComparison.Ordinal);
        return local;
    }

    /// <returns>The address the web host is bound to.</returns>
    private static async Task<Uri> ListenAsync(WebApplication web, int port, CancellationToken cancellationToken)
    {
        try
        {
            await web.StartAsync(cancellationToken);
        }
        catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            throw new InvalidOperationException($"Port {port} on 127.0.0.1 is already in use: stop what uses it, or set PORT to another port.");
        }
        return new Uri(web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>The API reference at /api/docs: the page and Swagger UI's files, over /api/openapi.json. Local only: the API Gateway has no such route.</summary>
    private static void ServeApiDocs(WebApplication web, string folder)
    {
        var swaggerUi = Path.Combine(folder, "node_modules", "swagger-ui-dist");
        web.MapWhen(http => http.Request.Path.StartsWithSegments("/api/docs"), branch =>
        {
            if (!Directory.Exists(swaggerUi))
            {
                branch.Run(http =>
                {
                    http.Response.StatusCode = 404;
                    return http.Response.WriteAsync("Swagger UI is not installed: run ./run.sh (or npm ci in tools/api-docs).");
                });
                return;
            }
            // Relative asset URLs need the trailing slash. The app's fallback route has matched already: these files are not its.
            branch.Use((http, next) =>
            {
                http.SetEndpoint(null);
                if (http.Request.Path.Value == "/api/docs")
                {
                    http.Response.Redirect("/api/docs/");
                    return Task.CompletedTask;
                }
                return next(http);
            });
            var files = new CompositeFileProvider(new PhysicalFileProvider(Path.GetFullPath(Path.Combine(folder, "page"))), new PhysicalFileProvider(Path.GetFullPath(swaggerUi)));
            branch.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files, RequestPath = "/api/docs" });
            branch.UseStaticFiles(new StaticFileOptions { FileProvider = files, RequestPath = "/api/docs" });
        });
    }

    /// <summary>
    /// The web app's /config.json (<see cref="WebAppConfig"/>), ahead of the built files, which may hold a deployed stack's.
    /// </summary>
    private static void ServeConfig(WebApplication web, Task<WebAppConfig> config) =>
        web.MapWhen(http => http.Request.Path.Value == "/config.json", branch => branch.Run(async http =>
        {
            var body = (await config.WaitAsync(http.RequestAborted)).ToJson();
            http.Response.ContentType = "application/json";
            http.Response.Headers.CacheControl = "no-cache";
            await http.Response.WriteAsync(body);
        }));

    /// <summary>As CloudFront in front of the bucket: files as they are, and index.html for any other path.</summary>
    private static void ServeWebApp(WebApplication web, string folder)
    {
        if (!File.Exists(Path.Combine(folder, "index.html")))
        {
            // A fallback endpoint, not terminal middleware: that would run before /_xray's and /config.json's endpoints.
            web.MapFallback(http =>
            {
                http.Response.StatusCode = 404;
                return http.Response.WriteAsync("The web app is not built: run ./run.sh (or npm run build in web/).");
            });
            return;
        }
        var files = new PhysicalFileProvider(Path.GetFullPath(folder));
        web.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        web.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        web.MapFallbackToFile("index.html", new StaticFileOptions { FileProvider = files });
    }

    public async ValueTask DisposeAsync()
    {
        // Gone with the host, so that todoctl never finds a stack that is not running.
        if (endpointsFile is not null)
            File.Delete(endpointsFile);
        await stopping.CancelAsync();
        await Task.WhenAll(pollers);
        // Open sockets would hold the web host's stop until its timeout.
        if (Live is not null)
            await Live.CloseAllAsync();
        await web.StopAsync();
        await web.DisposeAsync();
        DynamoDb.Dispose();
        streamsHttp.Dispose();
        await engine.DisposeAsync();
        await daemon.DisposeAsync();
        logs.ForEach(l => l.Dispose());
        if (users is not null)
            await users.DisposeAsync();
        stopping.Dispose();
    }
}
