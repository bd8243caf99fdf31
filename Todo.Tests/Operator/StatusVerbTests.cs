using Todo.Store.ReadTable;
using Todo.Tests.Support;

namespace Todo.Tests.Operator;

/// <summary>
/// <c>todoctl status</c> against a local app of its own: once the projection has applied the test's events,
/// their read items are deleted, so the read table is behind by exactly those events.
/// </summary>
[Slow]
public sealed class StatusVerbTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>, IDisposable
{
    private readonly TodoApi api = new(fixture.Http);
    private readonly Todoctl todoctl = new(fixture.App);

    public void Dispose() => todoctl.Dispose();

    [Fact]
    public async Task Status_counts_the_events_the_read_table_has_not_applied_and_names_the_active_table()
    {
        var ids = new List<string>();
        foreach (var label in new[] { "One", "Two", "Three" })
            ids.Add((await api.CreateAsync(label)).Text("id"));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await api.UpdateAsync(ids[0], new { completed = true })).Status);
        foreach (var (id, version) in ids.Zip(new long[] { 2, 1, 1 }))
            await ProjectedAsync(id, version);
        var (_, caughtUp) = await todoctl.JsonAsync("status");
        Assert.Equal((0L, 3), (caughtUp.GetProperty("eventsBehind").GetInt64(), caughtUp.GetProperty("readItems").GetInt32()));
        Assert.Equal(0, caughtUp.GetProperty("lagSeconds").GetDouble());
        // The stream has nothing more for these todos: without their items the read table stays behind.
        foreach (var id in ids)
            await fixture.App.DynamoDb.DeleteItemAsync(fixture.TodosTable, TodoTable.Key(TodoTable.DefaultList, Guid.Parse(id)));

        var (exit, status) = await todoctl.JsonAsync("status");

        Assert.Equal(0, exit);
        Assert.Equal(4, status.GetProperty("events").GetInt64());
        Assert.Equal(3, status.GetProperty("todos").GetInt32());
        Assert.Equal(0, status.GetProperty("readItems").GetInt32());
        Assert.Equal(4, status.GetProperty("eventsBehind").GetInt64());
        Assert.Equal(3, status.GetProperty("todosBehind").GetInt32());
        // The oldest unapplied event is the first todo's creation.
        var created = (await fixture.EventsOfAsync(Guid.Parse(ids[0]))).Events[0].OccurredAt;
        Assert.Equal(created, DateTimeOffset.Parse(status.GetProperty("oldestUnappliedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(status.GetProperty("lagSeconds").GetDouble() > 0);
        Assert.Equal(fixture.TodosTable, status.GetProperty("activeReadTable").GetString());
        Assert.Equal(0, status.GetProperty("parkedTodos").GetInt32());
        // Locally there is no failure queue: the local host logs what it gives up on.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, status.GetProperty("failureQueue").ValueKind);

        var (_, text, _) = await todoctl.RunAsync("status");
        Assert.Contains("4 events behind, in 3 todos; the oldest appended", text);
        Assert.Contains("none locally", text);
    }

    /// <summary>Waits until the read table holds the todo at <paramref name="version"/>.</summary>
    private async Task ProjectedAsync(string id, long version)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var item = (await fixture.App.DynamoDb.GetItemAsync(new Amazon.DynamoDBv2.Model.GetItemRequest
            {
                TableName = fixture.TodosTable,
                Key = TodoTable.Key(TodoTable.DefaultList, Guid.Parse(id)),
                ConsistentRead = true,
            })).Item;
            if (item is { Count: > 0 } && TodoTable.VersionOf(item) == version)
                return;
            await Task.Delay(50);
        }
        throw new TimeoutException($"The projection never applied version {version} of {id}.");
    }
}
