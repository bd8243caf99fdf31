using Amazon.DynamoDBv2.Model;
using Todo.Domain;
using Todo.Domain.Events;
using Todo.Store.Events;
using Todo.Store.ReadTable;

namespace Todo.Tests.Support;

/// <summary>
/// A todo the projector parks: created through the API, then its version 2 stored as a buggy writer would, an event
/// no code knows; and that item rewritten as the text change it stood for, so a redrive can succeed.
/// </summary>
public static class PoisonedTodo
{
    /// <returns>The todo, once the projector has marked its item in <paramref name="readTable"/> (the active one) parked.</returns>
    public static async Task<Guid> ParkAsync(LocalAppFixture fixture, TodoApi api, string readTable)
    {
        var id = Guid.Parse((await api.CreateAsync("Buy milk")).Text("id"));
        await api.ProjectedAsync(id.ToString());
        var poison = EventCodec.ToItem(new StoredEvent(id, 2, new TodoCompleted(), DateTimeOffset.UtcNow, "poison"), new TodoState.Live("Buy oat milk", false, DateTimeOffset.UtcNow));
        poison[EventTable.Type] = new AttributeValue { S = "TodoArchived" };
        await fixture.App.DynamoDb.PutItemAsync(new PutItemRequest { TableName = fixture.EventsTable, Item = poison });
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!(await ItemAsync(fixture, readTable, id)).ContainsKey(TodoTable.ParkedAt) && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.True((await ItemAsync(fixture, readTable, id)).ContainsKey(TodoTable.ParkedAt), "The projector never parked the todo.");
        return id;
    }

    /// <summary>The poison item rewritten as the text change it stood for.</summary>
    public static Task FixAsync(LocalAppFixture fixture, Guid id) => fixture.App.DynamoDb.PutItemAsync(new PutItemRequest
    {
        TableName = fixture.EventsTable,
        Item = EventCodec.ToItem(new StoredEvent(id, 2, new TodoTextChanged("Buy oat milk"), DateTimeOffset.UtcNow, "fix"), new TodoState.Live("Buy oat milk", false, DateTimeOffset.UtcNow)),
    });

    /// <summary>The todo's item in the shared list of <paramref name="readTable"/> (a consistent read); empty when it has none.</summary>
    public static async Task<Dictionary<string, AttributeValue>> ItemAsync(LocalAppFixture fixture, string readTable, Guid id) =>
        (await fixture.App.DynamoDb.GetItemAsync(new GetItemRequest { TableName = readTable, Key = TodoTable.Key(TodoTable.DefaultList, id), ConsistentRead = true })).Item ?? [];
}
