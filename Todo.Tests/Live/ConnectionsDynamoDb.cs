using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Microsoft.AspNetCore.Http;
using Todo.Live.Connections;
using Todo.Stubs;

namespace Todo.Tests.Live;

/// <summary>
/// A DynamoDB endpoint on 127.0.0.1 that holds only what the notifier reads and writes: the connections of each list
/// (Query), whose records it deletes (DeleteItem), and no read pointer item (GetItem finds none, so the first read
/// table is active). <see cref="Failing"/> makes every call a 500, a list's queries fail when named in <see cref="FailingLists"/>.
/// </summary>
public sealed class ConnectionsDynamoDb : IAsyncDisposable
{
    private LoopbackServer server = null!;

    private ConnectionsDynamoDb() { }

    public ConcurrentDictionary<string, List<string>> Lists { get; } = new();

    public ConcurrentQueue<(string ListId, string ConnectionId)> Deleted { get; } = new();

    public ConcurrentQueue<string> Queried { get; } = new();

    public HashSet<string> FailingLists { get; } = [];

    public bool Failing { get; set; }

    public AmazonDynamoDBClient Client() => new(new BasicAWSCredentials("x", "x"),
        new AmazonDynamoDBConfig { ServiceURL = server.Url.ToString(), AuthenticationRegion = "eu-west-1", MaxErrorRetry = 0 });

    public static async Task<ConnectionsDynamoDb> StartAsync()
    {
        var engine = new ConnectionsDynamoDb();
        engine.server = await LoopbackServer.StartAsync(engine.HandleAsync);
        return engine;
    }

    private async Task HandleAsync(HttpContext http)
    {
        var operation = http.Request.Headers["X-Amz-Target"].ToString().Split('.')[^1];
        var request = JsonNode.Parse(await new StreamReader(http.Request.Body).ReadToEndAsync())!;
        var listId = (string?)request["ExpressionAttributeValues"]?[":list"]?["S"] ?? (string?)request["Key"]?[ConnectionsTable.ListId]?["S"];
        http.Response.ContentType = "application/x-amz-json-1.0";
        if (Failing || (operation == "Query" && listId is not null && FailingLists.Contains(listId)))
        {
            http.Response.StatusCode = 500;
            await http.Response.WriteAsync("""{"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"failing, as the test asked"}""");
            return;
        }
        switch (operation)
        {
            case "Query":
                Queried.Enqueue(listId!);
                var items = new JsonArray([.. Lists.GetValueOrDefault(listId!, []).Select(id => (JsonNode)new JsonObject { [ConnectionsTable.ConnectionId] = new JsonObject { ["S"] = id } })]);
                await http.Response.WriteAsync(new JsonObject { ["Items"] = items, ["Count"] = items.Count, ["ScannedCount"] = items.Count }.ToJsonString());
                return;
            case "DeleteItem":
                Deleted.Enqueue((listId!, (string)request["Key"]![ConnectionsTable.ConnectionId]!["S"]!));
                break;
        }
        await http.Response.WriteAsync("{}");
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
