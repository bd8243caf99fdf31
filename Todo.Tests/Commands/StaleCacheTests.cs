using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Todo.Store.Events;
using Todo.Domain;
using Todo.Domain.Events;
using Todo.Lambda.APIGatewayEvents;
using Todo.Tests.Support;

namespace Todo.Tests.Commands;

/// <summary>
/// Several instances of the update function, each with its own snapshot cache, on the same tables, as
/// several warm Lambda execution environments are: each one's cache goes stale whenever another writes.
/// A stale cache may cost a failed write, never a lost, reordered or wrongly refused update. Here through
/// the functions on DynamoDB, with the snapshots the table holds; each way a cache goes stale is tested on
/// the handler alone in <see cref="HandlerConcurrencyTests"/>.
/// </summary>
[Slow]
public sealed class StaleCacheTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>, IDisposable
{
    private readonly Amazon.DynamoDBv2.AmazonDynamoDBClient client = DirectInvocation.Client(fixture);

    public void Dispose() => client.Dispose();

    private APIGatewayProxyFunction NewInstance(string handler = "update-todo") => DirectInvocation.Function(fixture, handler, client);

    private async Task<string> CreateAsync(string text)
    {
        var created = await DirectInvocation.InvokeAsync(NewInstance("create-todo"), DirectInvocation.Request("POST", "/api/todos", new { text }));
        return JsonDocument.Parse(created.Body!).RootElement.GetProperty("id").GetString()!;
    }

    private static Task<APIGatewayProxyResponse> PutAsync(APIGatewayProxyFunction instance, string id, object body) =>
        DirectInvocation.InvokeAsync(instance, DirectInvocation.Request("PUT", $"/api/todos/{id}", body, id: id));

    private static long Version(APIGatewayProxyResponse response) => long.Parse(response.Headers!["ETag"]!.Trim('"'));

    private static string TextOf(APIGatewayProxyResponse response) => JsonDocument.Parse(response.Body!).RootElement.GetProperty("text").GetString()!;

    [Fact]
    public async Task Parallel_puts_through_instances_with_stale_caches_land_once_each_in_order_with_true_snapshots()
    {
        const int updates = 50;
        var instances = Enumerable.Range(0, 5).Select(_ => NewInstance()).ToList();
        var id = await CreateAsync("Contended across instances");
        // Each instance caches the todo as it leaves it; every later write by another makes that stale.
        foreach (var (instance, i) in instances.Select((x, i) => (x, i)))
            Assert.Equal(200, (await PutAsync(instance, id, new { text = $"warm {i}" })).StatusCode);

        var responses = await Task.WhenAll(Enumerable.Range(1, updates).Select(i => PutAsync(instances[i % instances.Count], id, new { text = $"edit {i}" })));

        Assert.All(responses, r => Assert.Equal(200, r.StatusCode));
        var stream = await fixture.EventsOfAsync(Guid.Parse(id));
        var last = 1 + instances.Count + updates;
        Assert.Equal(Enumerable.Range(1, last).Select(v => (long)v), stream.Events.Select(e => e.Version));
        Assert.Equal(updates, responses.Select(Version).Distinct().Count());
        // Each answer names the version its update was written at, and that event is that update: none lost, none moved.
        foreach (var (response, i) in responses.Select((r, i) => (r, i + 1)))
        {
            Assert.Equal($"edit {i}", TextOf(response));
            Assert.Equal(new TodoTextChanged($"edit {i}"), stream.Events[(int)Version(response) - 1].Event);
        }
        await AssertEverySnapshotIsTheFoldAsync(id, stream);
        var folded = Assert.IsType<TodoState.Live>(TodoDecider.Fold(stream.DomainEvents));
        await new TodoApi(fixture.Http).ProjectedAsync(id, t => t.GetProperty("text").GetString() == folded.Text);
    }

    /// <summary>The snapshot each item holds is the fold of the stream up to it.</summary>
    private async Task AssertEverySnapshotIsTheFoldAsync(string id, EventStream stream)
    {
        var items = (await client.QueryAsync(new QueryRequest
        {
            TableName = fixture.EventsTable,
            ConsistentRead = true,
            KeyConditionExpression = "todoId = :id",
            ExpressionAttributeValues = new() { [":id"] = new AttributeValue { S = id } },
        })).Items;
        Assert.Equal(stream.Events.Count, items.Count);
        var state = TodoState.Initial;
        foreach (var (item, stored) in items.Zip(stream.Events))
        {
            state = TodoDecider.Evolve(state, stored.Event);
            Assert.Equal(new Snapshot(state, stored.Version), EventCodec.SnapshotOf(item));
        }
    }
}
