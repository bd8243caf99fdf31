using Todo.Lambda.Core;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Todo.Local;
using Todo.Tests.Support;

namespace Todo.Tests.Deployment;

/// <summary>
/// Each handler's DynamoDB calls, recorded on the wire while it serves its routes (idempotency keys,
/// read-your-writes, a transaction of several events, the projector's batch) against DynamoDB Local:
/// every one must be in <see cref="DynamoDbAccess"/>, which the template's policies are held to.
/// </summary>
[Slow]
public sealed class DynamoDbCallsTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>, IDisposable
{
    private readonly RecordingHttpClientFactory recorder = new();
    private AmazonDynamoDBClient? client;

    public void Dispose() => client?.Dispose();

    private IAmazonDynamoDB Client => client ??= new AmazonDynamoDBClient(
        new BasicAWSCredentials(LocalAws.AccessKey, LocalAws.SecretKey),
        new AmazonDynamoDBConfig { ServiceURL = fixture.App.DynamoDbUrl.ToString(), AuthenticationRegion = LocalAws.Region, HttpClientFactory = recorder });

    private HashSet<string> Needed() => recorder.TakeNeeded(fixture.App.Template.Tables);

    private async Task<JsonElement> Api(string handler, string method, string path, object? body = null, Dictionary<string, string>? headers = null, string? id = null, Dictionary<string, string?>? query = null)
    {
        var function = DirectInvocation.Function(fixture, handler, Client);
        var request = DirectInvocation.Request(method, path, body, headers, id);
        request.QueryStringParameters = query;
        var response = await DirectInvocation.InvokeAsync(function, request);
        Assert.InRange(response.StatusCode, 200, 299);
        return JsonDocument.Parse(response.Body!).RootElement;
    }

    private static Dictionary<string, string> Key() => new() { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

    [Fact]
    public async Task Every_call_each_handler_makes_is_one_its_policy_allows()
    {
        var seen = new Dictionary<string, HashSet<string>>();
        var id = (await Api("create-todo", "POST", "/api/todos", new { text = "calls" }, Key())).GetProperty("id").GetString()!;
        seen["create-todo"] = Needed();
        await Api("update-todo", "PUT", $"/api/todos/{id}", new { text = "both at once", completed = true }, Key(), id);
        await Api("update-todo", "PUT", $"/api/todos/{id}", new { completed = false }, null, id);
        seen["update-todo"] = Needed();
        await Api("get-todo", "GET", $"/api/todos/{id}", null, new() { ["X-Min-Version"] = $"{id}:4" }, id);
        await Api("get-todo", "GET", $"/api/todos/{id}", null, null, id);
        await Api("get-todo", "GET", $"/api/todos/{id}?asOfVersion=1", null, null, id, new() { ["asOfVersion"] = "1" });
        seen["get-todo"] = Needed();
        await Api("list-todo-events", "GET", $"/api/todos/{id}/events", null, null, id);
        seen["list-todo-events"] = Needed();
        await Api("get-openapi", "GET", "/api/openapi.json");
        seen["get-openapi"] = Needed();
        await Api("list-todos", "GET", "/api/todos", null, new() { ["X-Min-Version"] = $"{id}:4" });
        await Api("list-todos", "GET", "/api/todos");
        seen["list-todos"] = Needed();
        await Api("list-todo-changes", "GET", "/api/todos/changes");
        seen["list-todo-changes"] = Needed();
        await Api("delete-todo", "DELETE", $"/api/todos/{id}", null, Key(), id);
        seen["delete-todo"] = Needed();
        var projector = FunctionHost.Create(fixture.App.Template.Functions.Single(f => f.Handler == "project-todos"), Client);
        var batch = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["Records"] = await StreamRecords.ReadAllAsync(fixture) });
        await projector.InvokeAsync(batch, new LambdaContext("r", StubArn, DateTimeOffset.UtcNow.AddSeconds(30), null), CancellationToken.None);
        seen["project-todos"] = Needed();
        var connection = new Todo.Lambda.APIGatewayEvents.APIGatewayProxyRequest
        {
            Headers = new() { ["Sec-WebSocket-Protocol"] = "todo.v1" },
            RequestContext = new() { RequestId = "r", ConnectionId = "calls-connection", Identity = new() { SourceIp = "127.0.0.1" } },
        };
        Assert.Equal(200, (await DirectInvocation.InvokeAsync(DirectInvocation.Function(fixture, "connect-live", Client), connection)).StatusCode);
        seen["connect-live"] = Needed();
        // The projection's writes, as the read table's stream gives them to the notifier, with a connection to send them to.
        var notifier = FunctionHost.Create(fixture.App.Template.Functions.Single(f => f.Handler == "notify-changes"), Client);
        var todos = fixture.App.Template.Tables.Single(t => t.LogicalId == "TodosTable").Create.TableName;
        var changes = JsonSerializer.SerializeToUtf8Bytes(new JsonObject { ["Records"] = await StreamRecords.ReadAllAsync(fixture, todos) });
        await notifier.InvokeAsync(changes, new LambdaContext("r", StubArn, DateTimeOffset.UtcNow.AddSeconds(10), null), CancellationToken.None);
        seen["notify-changes"] = Needed();
        Assert.Equal(200, (await DirectInvocation.InvokeAsync(DirectInvocation.Function(fixture, "disconnect-live", Client), connection)).StatusCode);
        seen["disconnect-live"] = Needed();
        // The authorizer exists with sign-in only; a handshake without a token is denied before any key is fetched.
        var authorizer = FunctionHost.Create(DeployedTemplate.Loaded.Functions.Single(f => f.Handler == "authorize-live"), Client);
        await authorizer.InvokeAsync("""{"type":"REQUEST","methodArn":"arn","headers":{}}"""u8.ToArray(), new LambdaContext("r", StubArn, DateTimeOffset.UtcNow.AddSeconds(30), null), CancellationToken.None);
        seen["authorize-live"] = Needed();

        Assert.Equal(DynamoDbAccess.ByHandler.Keys.Order(), seen.Keys.Order());
        Assert.All(seen, handler =>
        {
            if (DynamoDbAccess.ByHandler[handler.Key].Length > 0)
                Assert.NotEmpty(handler.Value);
            else
                Assert.Empty(handler.Value);
            Assert.Subset(DynamoDbAccess.ByHandler[handler.Key].ToHashSet(), handler.Value);
        });
        Assert.Contains("dynamodb:PutItem on EventsTable", seen["create-todo"]);
        Assert.Contains("dynamodb:UpdateItem on TodosTable", seen["project-todos"]);
        Assert.Contains("dynamodb:Query on ConnectionsTable", seen["notify-changes"]);
    }

    private const string StubArn = "arn:aws:lambda:eu-west-1:123456789012:function:todo-test";
}
