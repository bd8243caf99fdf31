using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Todo.Http;
using Todo.Queries;
using Todo.Store.ReadTable;
using Todo.Tests.Support;

namespace Todo.Tests.Queries;

/// <summary>
/// <c>GET /api/todos/changes</c> on the local app: a client that reads on from each <c>next</c> while commands on many
/// todos are projected on several lanes ends with exactly the read model (items and tombstones); bad tokens and limits
/// are 400; a rebuild's switch starts a token again from the beginning.
/// </summary>
[Slow]
public sealed class ChangesFeedTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>, IDisposable
{
    private readonly TodoApi api = new(fixture.Http);
    private readonly Todoctl todoctl = new(fixture.App);

    public void Dispose() => todoctl.Dispose();

    private TimeSpan Settle => SettleOf(fixture);

    /// <summary>The settle time the template gives the feed, which the local host runs it with.</summary>
    public static TimeSpan SettleOf(LocalAppFixture app) => TimeSpan.FromSeconds(int.Parse(
        app.App.Template.Functions.Single(f => f.Handler == "list-todo-changes").Environment[TodoChanges.SettleVariable]));

    private async Task<(List<JsonElement> Changes, string Next)> PageAsync(string? after, int limit)
    {
        var response = await api.SendAsync(HttpMethod.Get, $"/api/todos/changes?limit={limit}" + (after is null ? "" : $"&after={after}"));
        Assert.Equal(HttpStatusCode.OK, response.Status);
        var changes = response.Body.GetProperty("changes").EnumerateArray().ToList();
        Assert.InRange(changes.Count, 0, limit);
        return (changes, response.Text("next"));
    }

    /// <summary>
    /// Reads pages from <paramref name="after"/> until one is empty (caught up), keeping each todo's newest change in
    /// <paramref name="seen"/>. A todo is never shown older than it was already shown.
    /// </summary>
    /// <returns>The token to go on from.</returns>
    private async Task<string> CatchUpAsync(string? after, Dictionary<string, JsonElement> seen, int limit)
    {
        while (true)
        {
            var (changes, next) = await PageAsync(after, limit);
            foreach (var change in changes)
            {
                var id = change.GetProperty("id").GetString()!;
                if (seen.TryGetValue(id, out var before))
                    Assert.True(before.GetProperty("version").GetInt64() <= change.GetProperty("version").GetInt64(), $"{id} went back from {before} to {change}");
                seen[id] = change;
            }
            after = next;
            if (changes.Count == 0)
                return after;
        }
    }

    /// <summary>Every item of the shared list in the active read table, as the feed would show it: what the read model holds.</summary>
    private async Task<Dictionary<string, string>> ReadModelAsync()
    {
        var table = (await new ReadPointer(fixture.App.DynamoDb, fixture.ReadPointerTable, new ReadTables(fixture.TodosTable, fixture.TodosGreenTable), TimeProvider.System)
            .ReadAsync(CancellationToken.None)).Active;
        var items = new Dictionary<string, string>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await fixture.App.DynamoDb.QueryAsync(new QueryRequest
            {
                TableName = table,
                KeyConditionExpression = "listId = :list",
                ExpressionAttributeValues = new() { [":list"] = new AttributeValue { S = TodoTable.DefaultList } },
                ConsistentRead = true,
                ExclusiveStartKey = start,
            });
            foreach (var item in page.Items)
                items[item[TodoTable.TodoId].S] = JsonSerializer.Serialize(TodoChange.From(item), ChangesJsonContext.Default.TodoChange);
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        } while (start is not null);
        return items;
    }

    private static Dictionary<string, string> Shown(Dictionary<string, JsonElement> seen) => seen.ToDictionary(c => c.Key, c => c.Value.GetRawText());

    [Fact]
    public async Task A_client_reading_on_from_each_token_while_many_todos_change_on_several_lanes_ends_with_exactly_the_read_model()
    {
        var live = new ConcurrentDictionary<string, int>();
        var created = new ConcurrentBag<string>();
        async Task CreateAsync(TodoApi client, string text)
        {
            var id = (await client.CreateAsync(text)).Text("id");
            created.Add(id);
            live[id] = 0;
        }
        foreach (var i in Enumerable.Range(0, 6))
            await CreateAsync(api, $"seed {i}");
        var seen = new Dictionary<string, JsonElement>();
        string? token = null;
        var readsDuringWrites = 0;

        // Six writers, each a run of creates, edits, toggles and deletes on todos any of them may touch.
        var writers = Enumerable.Range(0, 6).Select(w => Task.Run(async () =>
        {
            var client = new TodoApi(fixture.Http);
            var random = new Random(w);
            for (var n = 0; n < 40; n++)
            {
                var ids = live.Keys.ToArray();
                var id = ids.Length == 0 ? null : ids[random.Next(ids.Length)];
                switch (id is null ? 0 : random.Next(5))
                {
                    case 0:
                        await CreateAsync(client, $"writer {w} todo {n}");
                        break;
                    case 1:
                        await client.UpdateAsync(id!, new { text = $"writer {w} edit {n}" });
                        break;
                    case 2 or 3:
                        await client.UpdateAsync(id!, new { completed = random.Next(2) == 0 });
                        break;
                    default:
                        if ((await client.DeleteAsync(id!)).Status == HttpStatusCode.OK)
                            live.TryRemove(id!, out _);
                        break;
                }
            }
        })).ToArray();
        var writing = Task.WhenAll(writers);
        while (!writing.IsCompleted)
        {
            token = await CatchUpAsync(token, seen, limit: 3);
            readsDuringWrites++;
            await Task.Delay(50);
        }
        await writing;

        // Once the read model holds every todo at its last event's version, every stamp is behind now.
        var versions = new Dictionary<string, long>();
        foreach (var id in created)
            versions[id] = (await fixture.EventsOfAsync(Guid.Parse(id))).Version;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var model = await ReadModelAsync();
        while (!versions.All(v => model.TryGetValue(v.Key, out var change) && JsonDocument.Parse(change).RootElement.GetProperty("version").GetInt64() == v.Value))
        {
            Assert.True(DateTime.UtcNow < deadline, "The projection never caught up with the commands.");
            await Task.Delay(50);
            model = await ReadModelAsync();
        }
        await Task.Delay(Settle + TimeSpan.FromSeconds(1));
        await CatchUpAsync(token, seen, limit: 3);

        Assert.True(readsDuringWrites >= 2, $"only {readsDuringWrites} reads interleaved with the writes");
        Assert.Contains(model.Values, change => change.Contains("\"deleted\":true"));
        Assert.Equal(model.OrderBy(c => c.Key), Shown(seen).OrderBy(c => c.Key));
        // What the feed shows live is what the list shows.
        Assert.Equal((await api.ListedIdsAsync()).Order(), seen.Where(c => !c.Value.TryGetProperty("deleted", out _)).Select(c => c.Key).Order());
    }

    [Fact]
    public async Task From_the_beginning_it_answers_each_todo_once_at_its_newest_change_tombstones_included()
    {
        var kept = (await api.CreateAsync("kept")).Text("id");
        await api.UpdateAsync(kept, new { completed = true });
        var gone = (await api.CreateAsync("gone")).Text("id");
        await api.DeleteAsync(gone);
        await api.ProjectedAsync(kept, t => t.GetProperty("completed").GetBoolean());
        await api.UnlistedAsync(gone);
        await Task.Delay(Settle + TimeSpan.FromSeconds(1));

        var (changes, _) = await PageAsync(null, 1000);

        var byId = changes.GroupBy(c => c.GetProperty("id").GetString()!).ToDictionary(g => g.Key, g => Assert.Single(g).GetRawText());
        var createdAt = (await api.GetAsync(kept)).Text("createdAt");
        Assert.Equal($$$"""{"id":"{{{kept}}}","version":2,"item":{"id":"{{{kept}}}","text":"kept","completed":true,"createdAt":"{{{createdAt}}}"}}""", byId[kept]);
        Assert.Equal($$"""{"id":"{{gone}}","version":2,"deleted":true}""", byId[gone]);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("after=bm90LWEtdG9rZW4", "after")]
    [InlineData("after=%%%", "after")]
    [InlineData("after=", "after")]
    public async Task A_bad_limit_or_made_up_token_is_400_and_changes_nothing(string query, string field)
    {
        await api.CreateAsync("stays as it is");
        var events = await fixture.CountEventsAsync();

        var response = await api.SendAsync(HttpMethod.Get, "/api/todos/changes?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid request", response.Text("message"));
        Assert.True(response.Body.GetProperty("errors").TryGetProperty(field, out _));
        Assert.Equal(events, await fixture.CountEventsAsync());
    }

    [Fact]
    public async Task The_lists_own_cursors_are_not_tokens_of_its_changes()
    {
        await api.CreateAsync("one");
        await api.CreateAsync("two");
        var cursor = (await api.EventuallyAsync(a => a.SendAsync(HttpMethod.Get, "/api/todos?limit=1"), r => r.Header("X-Next-Cursor") is not null)).Header("X-Next-Cursor");

        var response = await api.SendAsync(HttpMethod.Get, $"/api/todos/changes?after={cursor}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("is not a token this API gave out", response.Body.GetProperty("errors").GetProperty("after").GetString());
    }

    [Fact]
    public async Task After_a_rebuilds_switch_a_token_of_the_table_left_starts_again_from_the_beginning()
    {
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
            ids.Add((await api.CreateAsync($"rebuilt {i}")).Text("id"));
        foreach (var id in ids)
            await api.ProjectedAsync(id);
        await Task.Delay(Settle + TimeSpan.FromSeconds(1));
        var token = await CatchUpAsync(null, [], limit: 1000);
        Assert.Empty((await PageAsync(token, 1000)).Changes);

        var (exit, _) = await todoctl.JsonAsync("rebuild");

        Assert.Equal(0, exit);
        // Within the pointer's cache time the feed reads the new table; its stamps are the rebuild's, settled soon after.
        var restarted = await api.EventuallyAsync(a => a.SendAsync(HttpMethod.Get, $"/api/todos/changes?after={token}"),
            r => TodoApi.IsOk(r) && ids.All(id => r.Body.GetProperty("changes").EnumerateArray().Any(c => c.GetProperty("id").GetString() == id)));
        var seen = new Dictionary<string, JsonElement>();
        await CatchUpAsync(restarted.Text("next"), seen, limit: 1000);
        foreach (var change in restarted.Body.GetProperty("changes").EnumerateArray())
            seen.TryAdd(change.GetProperty("id").GetString()!, change);
        Assert.Equal((await ReadModelAsync()).OrderBy(c => c.Key), Shown(seen).OrderBy(c => c.Key));
    }
}
