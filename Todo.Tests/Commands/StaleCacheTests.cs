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
/// A stale cache may cost a failed write, never a lost, reordered or wrongly refused update.
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

    private static Task<APIGatewayProxyResponse> PutAsync(APIGatewayProxyFunction instance, string id, object body, string? ifMatch = null) =>
        DirectInvocation.InvokeAsync(instance, DirectInvocation.Request("PUT", $"/api/todos/{id}", body,
            ifMatch is null ? null : new() { ["If-Match"] = ifMatch }, id));

    /// <summary>A todo at version 3 ("two"), written last by instance B, while instance A still holds it at version 2 ("one").</summary>
    private async Task<(APIGatewayProxyFunction A, APIGatewayProxyFunction B, string Id)> StaleAsync(string text)
    {
        var (a, b) = (NewInstance(), NewInstance());
        var id = await CreateAsync(text);
        await PutAsync(a, id, new { text = "one" });
        await PutAsync(b, id, new { text = "two" });
        return (a, b, id);
    }

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
        await new TodoApi(fixture.Http).EventuallyAsync(a => a.GetAsync(id), r => r.Status == System.Net.HttpStatusCode.OK && r.Text("text") == folded.Text);
    }

    [Fact]
    public async Task An_update_a_stale_cache_thinks_unchanged_is_written_on_the_fresh_state()
    {
        var (a, _, id) = await StaleAsync("Unchanged?");

        // A's cache still says "one": answered from it, this would lose B's change silently.
        var response = await PutAsync(a, id, new { text = "one" });

        Assert.Equal(200, response.StatusCode);
        Assert.Equal((4L, "one"), (Version(response), TextOf(response)));
        var stream = await fixture.EventsOfAsync(Guid.Parse(id));
        Assert.Equal(4, stream.Events.Count);
        Assert.Equal(new TodoTextChanged("one"), stream.Events[^1].Event);
    }

    [Fact]
    public async Task An_update_that_is_unchanged_only_on_the_fresh_state_writes_nothing()
    {
        var (a, _, id) = await StaleAsync("Unchanged after all");

        var response = await PutAsync(a, id, new { text = "two" });

        Assert.Equal(200, response.StatusCode);
        Assert.Equal((3L, "two"), (Version(response), TextOf(response)));
        Assert.Equal(3, (await fixture.EventsOfAsync(Guid.Parse(id))).Events.Count);
    }

    [Fact]
    public async Task If_Match_of_the_true_version_succeeds_on_a_stale_cache_and_a_stale_tag_is_still_412()
    {
        var (a, b, id) = await StaleAsync("Guarded across instances");

        var current = await PutAsync(a, id, new { completed = true }, "\"3\"");
        await PutAsync(b, id, new { text = "three" });
        var stale = await PutAsync(a, id, new { completed = false }, "\"4\"");

        Assert.Equal((200, 4L), (current.StatusCode, Version(current)));
        Assert.Equal(412, stale.StatusCode);
        Assert.Equal("\"5\"", stale.Headers!["ETag"]);
        Assert.Equal(5, (await fixture.EventsOfAsync(Guid.Parse(id))).Events.Count);
    }

    [Fact]
    public async Task A_todo_deleted_by_another_instance_is_404_not_updated()
    {
        var a = NewInstance();
        var id = await CreateAsync("Deleted elsewhere");
        await PutAsync(a, id, new { text = "cached" });
        Assert.Equal(200, (await DirectInvocation.InvokeAsync(NewInstance("delete-todo"), DirectInvocation.Request("DELETE", $"/api/todos/{id}", id: id))).StatusCode);

        var response = await PutAsync(a, id, new { completed = true });

        Assert.Equal(404, response.StatusCode);
        var stream = await fixture.EventsOfAsync(Guid.Parse(id));
        Assert.Equal(3, stream.Events.Count);
        Assert.IsType<TodoDeleted>(stream.Events[^1].Event);
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
