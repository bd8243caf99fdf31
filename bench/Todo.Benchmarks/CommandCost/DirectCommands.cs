using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Todo.Http;
using Todo.Benchmarks.Engine;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.Core;
using Todo.Local;

namespace Todo.Benchmarks.CommandCost;

/// <summary>
/// A template command function as an instance of its own, invoked directly as the local host invokes it,
/// on a DynamoDB client the benchmark chooses: a new instance starts with an empty snapshot cache, as a
/// new Lambda execution environment does.
/// </summary>
public sealed class DirectCommands(FreshApp app, IAmazonDynamoDB client)
{
    public APIGatewayProxyFunction NewInstance(string handler) =>
        (APIGatewayProxyFunction)FunctionHost.Create(app.Template.Functions.Single(f => f.Handler == handler), client);

    /// <param name="id">The todo, or null for a create.</param>
    public static Task<APIGatewayProxyResponse> InvokeAsync(APIGatewayProxyFunction function, string method, Guid? id, JsonObject? body) =>
        function.HandleAsync(new APIGatewayProxyRequest
        {
            HttpMethod = method,
            Path = id is null ? "/api/todos" : $"/api/todos/{id}",
            Headers = new() { [Headers.ContentType] = "application/json" },
            PathParameters = id is null ? null : new() { ["id"] = id.ToString() },
            Body = body?.ToJsonString(),
            RequestContext = new APIGatewayProxyRequest.ProxyRequestContext { RequestId = Guid.NewGuid().ToString() },
        }, new LambdaContext(Guid.NewGuid().ToString(), LocalAws.FunctionArn(function.GetType().Name), DateTimeOffset.UtcNow.AddSeconds(30), null), CancellationToken.None);

    /// <summary>The version a command's answer says the todo is at (its ETag).</summary>
    public static long VersionOf(APIGatewayProxyResponse response) =>
        response.StatusCode is >= 200 and < 300 && response.Headers?.GetValueOrDefault(Headers.ETag) is { } tag && long.TryParse(tag.Trim('"'), out var version)
            ? version
            : throw new InvalidOperationException($"The command answered {response.StatusCode}: {response.Body}");
}
