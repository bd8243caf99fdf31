using Amazon.DynamoDBv2.Model;
using Todo.Store.ReadTable;
using Todo.Tests.Support;

namespace Todo.Tests.Operator;

/// <summary>
/// <c>todoctl events</c>, <c>replay</c> and <c>parked list | redrive | discard</c> against the local app, on a
/// todo parked by a poison event the test writes into the events table.
/// </summary>
[Slow]
public sealed class ParkedVerbTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>, IDisposable
{
    private readonly TodoApi api = new(fixture.Http);
    private readonly Todoctl todoctl = new(fixture.App);

    public void Dispose() => todoctl.Dispose();

    [Fact]
    public async Task Events_lists_a_todo_s_events_readable_or_not()
    {
        var id = await ParkedTodoAsync();

        var (exit, events) = await todoctl.JsonAsync("events", "--todo", id.ToString());

        Assert.Equal(0, exit);
        Assert.Equal(["TodoCreated", "TodoArchived"], events.EnumerateArray().Select(e => e.GetProperty("type").GetString()));
        Assert.Equal([1L, 2L], events.EnumerateArray().Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal("poison", events[1].GetProperty("commandId").GetString());
        var (_, table, _) = await todoctl.RunAsync("events", "--todo", id.ToString());
        Assert.Contains("TodoArchived", table);
        Assert.Contains("Buy milk", table);
    }

    [Fact]
    public async Task Parked_todos_are_listed_redriven_once_fixed_and_stay_parked_while_not()
    {
        var id = await ParkedTodoAsync();

        var (listExit, list) = await todoctl.JsonAsync("parked", "list");
        Assert.Equal(0, listExit);
        var parked = Assert.Single(list.EnumerateArray(), p => p.GetProperty("todoId").GetString() == id.ToString());
        Assert.StartsWith("cannot decode: Unknown event type 'TodoArchived'", parked.GetProperty("reason").GetString());

        var (failedExit, failed) = await todoctl.JsonAsync("parked", "redrive", id.ToString());
        Assert.Equal(1, failedExit);
        Assert.False(failed[0].GetProperty("ok").GetBoolean());
        Assert.Contains("Unknown event type 'TodoArchived'", failed[0].GetProperty("error").GetString());
        Assert.True((await ItemAsync(id)).ContainsKey(TodoTable.ParkedAt));

        await FixAsync(id);
        var (dryExit, _) = await todoctl.JsonAsync("parked", "redrive", id.ToString(), "--dry-run");
        Assert.Equal(0, dryExit);
        Assert.True((await ItemAsync(id)).ContainsKey(TodoTable.ParkedAt));
        var (exit, redriven) = await todoctl.JsonAsync("parked", "redrive", id.ToString());

        Assert.Equal(0, exit);
        Assert.Equal((2, 1), (redriven[0].GetProperty("version").GetInt32(), redriven[0].GetProperty("parkedRemoved").GetInt32()));
        Assert.False((await ItemAsync(id)).ContainsKey(TodoTable.ParkedAt));
        Assert.Equal("Buy oat milk", (await api.GetAsync(id.ToString())).Text("text"));
        Assert.DoesNotContain((await todoctl.JsonAsync("parked", "list")).Answer.EnumerateArray(), p => p.GetProperty("todoId").GetString() == id.ToString());
        Assert.Equal(0, (await todoctl.JsonAsync("verify", "--todo", id.ToString())).Exit);
    }

    [Fact]
    public async Task Discard_drops_the_parked_events_and_the_mark_and_leaves_the_item_as_it_is()
    {
        var id = await ParkedTodoAsync();
        var (dryExit, dry) = await todoctl.JsonAsync("parked", "discard", id.ToString(), "--dry-run");
        Assert.Equal((0, 1), (dryExit, dry.GetProperty("discarded").GetInt32()));
        Assert.True((await ItemAsync(id)).ContainsKey(TodoTable.ParkedAt));

        var (exit, discarded) = await todoctl.JsonAsync("parked", "discard", id.ToString());

        Assert.Equal((0, 1), (exit, discarded.GetProperty("discarded").GetInt32()));
        var item = await ItemAsync(id);
        Assert.False(item.ContainsKey(TodoTable.ParkedAt));
        Assert.Equal(("Buy milk", "1"), (item[TodoTable.Text].S, item[TodoTable.Version].N));
        Assert.Equal(2, (await todoctl.RunAsync("parked", "discard", id.ToString())).Exit);
    }

    [Fact]
    public async Task Replay_rewrites_one_todo_from_its_events_and_a_dry_run_writes_nothing()
    {
        var id = Guid.Parse((await api.CreateAsync("Replay me")).Text("id"));
        await api.ProjectedAsync(id.ToString());
        await fixture.App.DynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = fixture.TodosTable, Key = TodoTable.Key(TodoTable.DefaultList, id) });

        var (dryExit, dry) = await todoctl.JsonAsync("replay", "--todo", id.ToString(), "--dry-run");
        Assert.Equal((0, 1), (dryExit, dry[0].GetProperty("version").GetInt32()));
        Assert.Empty(await ItemAsync(id));

        var (exit, _, _) = await todoctl.RunAsync("replay", "--todo", id.ToString());

        Assert.Equal(0, exit);
        Assert.Equal("Replay me", (await api.ProjectedAsync(id.ToString())).GetProperty("text").GetString());
    }

    private Task<Guid> ParkedTodoAsync() => PoisonedTodo.ParkAsync(fixture, api, fixture.TodosTable);

    private Task FixAsync(Guid id) => PoisonedTodo.FixAsync(fixture, id);

    private Task<Dictionary<string, AttributeValue>> ItemAsync(Guid id) => PoisonedTodo.ItemAsync(fixture, fixture.TodosTable, id);
}
