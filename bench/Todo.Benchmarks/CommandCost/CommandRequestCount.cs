using System.Text.Json.Nodes;
using Amazon.Runtime;
using Todo.Http;
using Todo.Benchmarks.Engine;
using Todo.Commands;
using Todo.Lambda.APIGatewayEvents;
using Todo.Harness.Seeding;

namespace Todo.Benchmarks.CommandCost;

/// <summary>The DynamoDB requests one command (or read) makes, by name (PutItem, Query, ...).</summary>
public sealed record CommandRequests(string Command, IReadOnlyList<string> Requests)
{
    /// <summary>Whether the function instance already held the todo's snapshot.</summary>
    public bool Warm => Command.Contains("warm", StringComparison.Ordinal);

    /// <summary>A GET, counted beside the commands.</summary>
    public bool IsRead => Command.StartsWith("read", StringComparison.Ordinal);
}

/// <summary>
/// Counts what each command costs in DynamoDB requests: the template's command functions are invoked
/// directly, as the local host invokes them, on a client of our own that records every request it sends.
/// A cold command is the first its instance handles for the todo; a warm one follows it on that instance.
/// A read of one todo is counted the same way, on an instance's second request.
/// </summary>
public static class CommandRequestCount
{
    public static async Task<IReadOnlyList<CommandRequests>> CountAsync(FreshApp app)
    {
        using var client = EngineClient.Create(app.DynamoDbUrl);
        var sent = new List<string>();
        client.BeforeRequestEvent += (_, e) => sent.Add(((WebServiceRequestEventArgs)e).Request.GetType().Name.Replace("Request", ""));
        var direct = new DirectCommands(app, client);

        var counted = new List<CommandRequests>();
        async Task<APIGatewayProxyResponse> Count(string command, APIGatewayProxyFunction function, string method, Guid? id, JsonObject? body)
        {
            sent.Clear();
            var response = await DirectCommands.InvokeAsync(function, method, id, body);
            if (response.StatusCode is < 200 or >= 300)
                throw new InvalidOperationException($"{command} answered {response.StatusCode}: {response.Body}");
            counted.Add(new CommandRequests(command, sent.ToList()));
            return response;
        }

        var created = await Count("create (POST)", direct.NewInstance(CommandRoutes.Create.Name), "POST", null, new JsonObject { ["text"] = FixtureText.Standard });
        var id = VersionToken.ParseList(created.Headers![Headers.VersionToken])!.Single().TodoId;
        var update = direct.NewInstance(CommandRoutes.Update.Name);
        await Count("update one field, cold (PUT)", update, "PUT", id, new JsonObject { ["completed"] = true });
        await Count("update one field, warm (PUT)", update, "PUT", id, new JsonObject { ["completed"] = false });
        await Count("update two fields, warm (PUT)", update, "PUT", id, new JsonObject { ["text"] = FixtureText.Standard + "!", ["completed"] = true });
        var get = direct.NewInstance("get-todo");
        await DirectCommands.InvokeAsync(get, "GET", id, null);
        await Count("read one (GET)", get, "GET", id, null);
        await Count("delete, cold (DELETE)", direct.NewInstance(CommandRoutes.Delete.Name), "DELETE", id, null);
        return counted;
    }
}
