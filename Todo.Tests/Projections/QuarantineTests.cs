using Todo.ReadModel;
using System.Net;
using Amazon.DynamoDBv2.Model;
using Todo.Store.Events;
using Todo.Store.Parked;
using Todo.Store.ReadTable;
using Todo.Domain;
using Todo.Domain.Events;
using Todo.Tests.Support;

namespace Todo.Tests.Projections;

/// <summary>
/// Per-todo quarantine through the local host's real stream: a poison event in the events table parks its
/// todo only, while every other todo's changes keep appearing; the todo's later events park behind it in
/// order; a redrive fails (and leaves it parked) until the cause is fixed, then restores what the fold gives.
/// </summary>
[Slow]
public sealed class QuarantineTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private readonly TodoApi api = new(fixture.Http);

    private ParkedStore Parked => new(fixture.App.DynamoDb, fixture.ParkedTable);

    private TodoReplay Replay => new(
        new EventStore(fixture.App.DynamoDb, fixture.EventsTable),
        new ReadModelWriter(fixture.App.DynamoDb, fixture.TodosTable, TimeProvider.System),
        Parked);

    [Fact]
    public async Task A_poison_event_parks_only_its_todo_later_events_park_in_order_and_a_redrive_after_the_fix_restores_the_fold()
    {
        var poisoned = Guid.Parse((await api.CreateAsync("Buy milk")).Text("id"));
        await api.ProjectedAsync(poisoned.ToString());

        // Version 2 as a writer with a bug stored it: a type no code knows, with a sound snapshot beside it.
        await PutEventAsync(Poison(poisoned, 2, new TodoState.Live("Buy oat milk", false, DateTimeOffset.UtcNow)));
        Assert.Equal(HttpStatusCode.OK, (await api.UpdateAsync(poisoned.ToString(), new { completed = true })).Status);
        Assert.Equal(HttpStatusCode.OK, (await api.UpdateAsync(poisoned.ToString(), new { text = "Buy bread" })).Status);

        // Every other todo keeps flowing, created and changed after the poison.
        var other = (await api.CreateAsync("Walk the dog")).Text("id");
        await api.UpdateAsync(other, new { completed = true });
        await api.ProjectedAsync(other, t => t.GetProperty("completed").GetBoolean());

        var parked = await EventuallyParkedAsync(poisoned, 3);
        Assert.Equal([2L, 3L, 4L], parked.Select(p => p.Version));
        Assert.StartsWith("cannot decode: Unknown event type 'TodoArchived'", parked[0].Reason);
        Assert.All(parked.Skip(1), p => Assert.StartsWith("parked behind", p.Reason));
        // The read item is stale at version 1, marked so; the list shows what it holds, a read by id the events' newest state.
        var item = await ItemAsync(poisoned);
        Assert.Equal(1, TodoTable.VersionOf(item));
        Assert.True(item.ContainsKey(TodoTable.ParkedAt));
        Assert.Equal("Buy milk", (await api.ProjectedAsync(poisoned.ToString())).GetProperty("text").GetString());
        Assert.Equal("Buy bread", (await api.GetAsync(poisoned.ToString())).Text("text"));

        // Not fixed yet: the redrive fails and the todo stays parked, its parked events untouched.
        await Assert.ThrowsAsync<FormatException>(() => Replay.ReplayAsync(poisoned, dryRun: false, CancellationToken.None));
        Assert.Equal(parked, await Parked.OfTodoAsync(poisoned, CancellationToken.None));
        Assert.True((await ItemAsync(poisoned)).ContainsKey(TodoTable.ParkedAt));

        // The fix: the bad item rewritten as the text change it stood for. The redrive reads the events table.
        await fixture.App.DynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = fixture.EventsTable,
            Item = EventCodec.ToItem(new StoredEvent(poisoned, 2, new TodoTextChanged("Buy oat milk"), DateTimeOffset.UtcNow, "fix"),
                new TodoState.Live("Buy oat milk", false, DateTimeOffset.UtcNow)),
        });
        var result = await Replay.ReplayAsync(poisoned, dryRun: false, CancellationToken.None);

        Assert.Equal(new ReplayResult(poisoned, 4, Written: true, ParkedRemoved: 3, StillParked: false), result);
        Assert.Empty(await Parked.OfTodoAsync(poisoned, CancellationToken.None));
        var stream = await fixture.EventsOfAsync(poisoned);
        var replayed = await ItemAsync(poisoned);
        Assert.True(replayed.Remove(TodoTable.ChangeKey), "The replay stamps the item it writes.");
        Assert.Equal(DynamoJsonOf(ReadModelItem.Of(poisoned, ReadModelItem.StateOf(stream)!)), DynamoJsonOf(replayed));
        var read = await api.ProjectedAsync(poisoned.ToString());
        Assert.Equal(("Buy bread", true), (read.GetProperty("text").GetString(), read.GetProperty("completed").GetBoolean()));

        // Un-parked: its next change flows through the stream as any other's.
        await api.UpdateAsync(poisoned.ToString(), new { completed = false });
        await api.ProjectedAsync(poisoned.ToString(), t => !t.GetProperty("completed").GetBoolean());
        Assert.Empty(await Parked.OfTodoAsync(poisoned, CancellationToken.None));
    }

    [Fact]
    public async Task A_todo_parked_at_its_first_event_is_not_listed_until_redriven()
    {
        var id = Guid.NewGuid();
        await PutEventAsync(Poison(id, 1, new TodoState.Live("only its snapshot reads", false, DateTimeOffset.UtcNow)));

        var parked = await EventuallyParkedAsync(id, 1);

        Assert.Equal(1, Assert.Single(parked).Version);
        Assert.DoesNotContain(id.ToString(), await api.ListedIdsAsync());
        // A read by id takes the state the item holds beside the event it cannot decode.
        Assert.Equal("only its snapshot reads", (await api.GetAsync(id.ToString())).Text("text"));
    }

    private static Dictionary<string, AttributeValue> Poison(Guid id, long version, TodoState state)
    {
        var item = EventCodec.ToItem(new StoredEvent(id, version, new TodoCompleted(), DateTimeOffset.UtcNow, "poison"), state);
        item[EventTable.Type] = new AttributeValue { S = "TodoArchived" };
        return item;
    }

    private Task PutEventAsync(Dictionary<string, AttributeValue> item) =>
        fixture.App.DynamoDb.PutItemAsync(new PutItemRequest { TableName = fixture.EventsTable, Item = item, ConditionExpression = "attribute_not_exists(todoId)" });

    private async Task<List<ParkedEvent>> EventuallyParkedAsync(Guid id, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var parked = await Parked.OfTodoAsync(id, CancellationToken.None);
            if (parked.Count >= count || DateTime.UtcNow > deadline)
                return parked;
            await Task.Delay(50);
        }
    }

    private async Task<Dictionary<string, AttributeValue>> ItemAsync(Guid id) =>
        (await fixture.App.DynamoDb.GetItemAsync(new GetItemRequest { TableName = fixture.TodosTable, Key = TodoTable.Key(TodoTable.DefaultList, id), ConsistentRead = true })).Item ?? [];

    private static string DynamoJsonOf(Dictionary<string, AttributeValue> item) => Platform.DynamoJson.Of(item);
}
