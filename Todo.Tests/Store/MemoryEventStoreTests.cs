using Todo.Store.Events;

namespace Todo.Tests.Store;

public sealed class MemoryEventStoreTests : EventStoreContract
{
    private readonly MemoryEventStore store = new();

    protected override IEventStore Store => store;

    protected override Task SeedWithoutSnapshotsAsync(IReadOnlyList<StoredEvent> events)
    {
        store.SeedWithoutSnapshots(events);
        return Task.CompletedTask;
    }
}
