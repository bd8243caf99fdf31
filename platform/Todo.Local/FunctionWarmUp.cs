using System.Text.RegularExpressions;
using Amazon.DynamoDBv2;
using Microsoft.Extensions.Logging.Abstractions;
using Todo.Http;
using Todo.Local.ApiGateway;
using Todo.Local.Template;
using Todo.Local.XRay;

namespace Todo.Local;

/// <summary>
/// Runs each read-only API route once at start, so the first page a user opens does not wait for the JIT.
/// In AWS the functions are Native AOT (the AOT build's cold start: about 47 ms, docs/benchmarks.md); here
/// they are JIT-compiled in the host, and a first list request paid 0.3 to 0.9 s for it (in one trace: 74 ms
/// in the emulator before the invocation, the first GetItem 55 ms, the first Query 140 ms against 18 ms
/// warm). The start takes about 0.4 s longer instead. Compiled code is shared by every instance in the process,
/// so throwaway instances are enough: they log nothing, send no traces, and read the open mode's shared
/// list, which works the same code as a user's. Only GET routes are run, and nothing is written.
/// </summary>
public static partial class FunctionWarmUp
{
    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter { get; }

    public static async Task RunAsync(SamTemplate template, IAmazonDynamoDB dynamoDb, HttpClient web, CancellationToken cancellationToken)
    {
        var readOnly = template.Functions.Where(f => f.Routes.Count > 0 && f.Routes.All(r => r.Method == HttpMethods.Get)).ToList();
        var routes = new RouteTable(readOnly.SelectMany(f =>
        {
            var open = new Dictionary<string, string>(f.Environment) { [Callers.AuthModeVariable] = Callers.OpenMode };
            var function = FunctionHost.Create(f with { Environment = open }, dynamoDb);
            return f.Routes.Select(r => (r, f.LogicalId, function));
        }));
        var emulator = new ApiGatewayEmulator(routes, template.Cors, null, NullLogger.Instance, new LambdaService(null), new TraceStore(), "warm-up",
            (new Dictionary<string, string>(), null)); // warms the functions, not the edge: no request of it is counted against a rate
        foreach (var route in readOnly.SelectMany(f => f.Routes))
        {
            var http = new DefaultHttpContext { RequestAborted = cancellationToken };
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = PathParameter.Replace(route.Path, Guid.NewGuid().ToString());
            http.Request.QueryString = new QueryString("?limit=1");
            http.Response.Body = Stream.Null;
            await emulator.HandleAsync(http);
        }
        // The web server's own first request: the app's page from the static files.
        using var page = await web.GetAsync("/", cancellationToken);
    }
}
