using Amazon.DynamoDBv2.Model;
using Todo.Domain;
using Todo.Store.Events;
using Todo.Tests.Support;

namespace Todo.Tests.Store;

/// <summary>The contract on the events and idempotency tables of DynamoDB Local.</summary>
[Slow]
public sealed class DynamoEventStoreTests(LocalAppFixture fixture) : EventStoreContract, IClassFixture<LocalAppFixture>
{
    protected override IEventStore Store => new EventStore(fixture.App.DynamoDb, fixture.EventsTable,
        fixture.App.Template.Tables.Single(t => t.LogicalId == "IdempotencyTable").Create.TableName);

    protected override async Task SeedWithoutSnapshotsAsync(IReadOnlyList<StoredEvent> events)
    {
        var state = TodoState.Initial;
        foreach (var stored in events)
        {
            var item = EventCodec.ToItem(stored, state = TodoDecider.Evolve(state, stored.Event));
            item.Remove(EventTable.State);
            await fixture.App.DynamoDb.PutItemAsync(new PutItemRequest { TableName = fixture.EventsTable, Item = item });
        }
    }
}
