using Todo.Lambda.Core;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Todo.Adapters.Api;
using Todo.Benchmarks.Engine;
using Todo.Commands;
using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;
using Todo.Local;

namespace Todo.Benchmarks.CommandCost;

/// <summary>The DynamoDB requests one command makes, by name (PutItem, Query, ...).</summary>
public sealed record CommandRequests(string Command, IReadOnlyList<string> Requests);

/// <summary>
/// Counts what each command costs in DynamoDB requests: the template's command functions are invoked
/// directly, as the local host invokes them, on a client of our own that records every request it sends.
/// </summary>
public static class CommandRequestCount
{
    public static async Task<IReadOnlyList<CommandRequests>> CountAsync(FreshApp app)
    {
        using var client = EngineClient.Create(app.DynamoDbUrl);
        var sent = new List<string>();
        client.BeforeRequestEvent += (_, e) => sent.Add(((WebServiceRequestEventArgs)e).Request.GetType().Name.Replace("Request", ""));

        var counted = new List<CommandRequests>();
        async Task<APIGatewayProxyResponse> Count(string command, string handler, string method, Guid? id, JsonObject? body)
        {
            sent.Clear();
            var function = (APIGatewayProxyFunction)FunctionHost.Create(app.Template.Functions.Single(f => f.Handler == handler), client);
            var response = await function.HandleAsync(new APIGatewayProxyRequest
            {
                HttpMethod = method,
                Path = id is null ? "/api/todos" : $"/api/todos/{id}",
                Headers = new() { [Headers.ContentType] = "application/json" },
                PathParameters = id is null ? null : new() { ["id"] = id.ToString() },
                Body = body?.ToJsonString(),
                RequestContext = new APIGatewayProxyRequest.ProxyRequestContext { RequestId = Guid.NewGuid().ToString() },
            }, new LambdaContext(Guid.NewGuid().ToString(), LocalAws.FunctionArn(handler), DateTimeOffset.UtcNow.AddSeconds(30), null), CancellationToken.None);
            if (response.StatusCode is < 200 or >= 300)
                throw new InvalidOperationException($"{command} answered {response.StatusCode}: {response.Body}");
            counted.Add(new CommandRequests(command, sent.ToList()));
            return response;
        }

        var created = await Count("create (POST)", CreateTodoFunction.Name, "POST", null, new JsonObject { ["text"] = RawWrites.Text });
        var id = VersionToken.ParseList(created.Headers![Headers.VersionToken])!.Single().TodoId;
        await Count("update one field (PUT)", UpdateTodoFunction.Name, "PUT", id, new JsonObject { ["completed"] = true });
        await Count("update two fields (PUT)", UpdateTodoFunction.Name, "PUT", id, new JsonObject { ["text"] = RawWrites.Text + "!", ["completed"] = false });
        await Count("delete (DELETE)", DeleteTodoFunction.Name, "DELETE", id, null);
        return counted;
    }
}
