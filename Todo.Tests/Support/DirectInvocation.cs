using Todo.Lambda.Core;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Todo.Lambda.APIGatewayEvents;
using Todo.Local;

namespace Todo.Tests.Support;

/// <summary>Calls a template function directly with a proxy event, on a DynamoDB client the test controls.</summary>
public static class DirectInvocation
{
    public static AmazonDynamoDBClient Client(LocalAppFixture fixture) => new(
        new BasicAWSCredentials(LocalAws.AccessKey, LocalAws.SecretKey),
        new AmazonDynamoDBConfig { ServiceURL = fixture.App.DynamoDbUrl.ToString(), AuthenticationRegion = LocalAws.Region });

    /// <param name="clock">What the function takes as now; the system clock unless given.</param>
    public static APIGatewayProxyFunction Function(LocalAppFixture fixture, string handler, IAmazonDynamoDB client,
        IReadOnlyDictionary<string, string>? extraEnvironment = null, TimeProvider? clock = null)
    {
        var definition = fixture.App.Template.Functions.Single(f => f.Handler == handler);
        var environment = new Dictionary<string, string>(definition.Environment);
        foreach (var (name, value) in extraEnvironment ?? new Dictionary<string, string>())
            environment[name] = value;
        return (APIGatewayProxyFunction)FunctionHost.Create(definition with { Environment = environment }, client, clock);
    }

    public static APIGatewayProxyRequest Request(string method, string path, object? body = null, Dictionary<string, string>? headers = null, string? id = null)
    {
        var allHeaders = new Dictionary<string, string> { ["Content-Type"] = "application/json" };
        foreach (var (name, value) in headers ?? [])
            allHeaders[name] = value;
        return new APIGatewayProxyRequest
        {
            HttpMethod = method,
            Path = path,
            Headers = allHeaders.ToDictionary(h => h.Key, h => (string?)h.Value),
            MultiValueHeaders = allHeaders.ToDictionary(h => h.Key, h => (List<string?>?)[h.Value]),
            PathParameters = id is null ? null : new Dictionary<string, string?> { ["id"] = id },
            Body = body is null ? null : JsonSerializer.Serialize(body),
            RequestContext = new APIGatewayProxyRequest.ProxyRequestContext { RequestId = Guid.NewGuid().ToString() },
        };
    }

    public static Task<APIGatewayProxyResponse> InvokeAsync(APIGatewayProxyFunction function, APIGatewayProxyRequest request) =>
        function.HandleAsync(request, new LambdaContext(Guid.NewGuid().ToString(), "arn:aws:lambda:us-east-1:123456789012:function:test", DateTimeOffset.UtcNow.AddSeconds(30), null), CancellationToken.None);
}
