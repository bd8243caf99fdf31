using Todo.ReadModel;
using Amazon.DynamoDBv2.Model;
using Todo.Store.Events;
using Todo.Domain;
using Todo.Domain.Events;

namespace Todo.Tests.Platform;

/// <summary>
/// The owner in the events table: in the creation event's data and on every item of the stream, so the
/// snapshot and the projection know whose todo it is; an item without one is the shared list's, as
/// every item written before there were users.
/// </summary>
public sealed class OwnerCodecTests
{
    private static readonly Guid TodoId = Guid.Parse("7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11");
    private static readonly DateTimeOffset CreatedAt = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);
    private const string Alice = "a1b2c3d4-0000-4000-8000-000000000001";

    [Fact]
    public void An_owned_creation_is_stored_with_the_owner_in_its_data_and_on_the_item()
    {
        var created = new TodoCreated("Mine", CreatedAt, Alice);

        var item = EventCodec.ToItem(new StoredEvent(TodoId, 1, created, CreatedAt, "req", Owner: Alice), TodoDecider.Evolve(TodoState.Initial, created));

        Assert.Equal("""{"text":"Mine","createdAt":"2026-12-02T01:00:00.000Z","owner":"a1b2c3d4-0000-4000-8000-000000000001"}""", item[EventTable.Data].S);
        Assert.Equal(Alice, item[EventTable.Owner].S);
        var read = EventCodec.FromItem(item);
        Assert.Equal((created, Alice), (read.Event, read.Owner));
        Assert.Equal(new TodoState.Live("Mine", false, CreatedAt, Alice), EventCodec.SnapshotOf(item)!.State);
    }

    [Fact]
    public void An_item_without_an_owner_reads_as_the_shared_lists_in_the_layout_it_always_had()
    {
        var created = new TodoCreated("Shared", CreatedAt);

        var item = EventCodec.ToItem(new StoredEvent(TodoId, 1, created, CreatedAt, "req"), TodoDecider.Evolve(TodoState.Initial, created));

        Assert.Equal("""{"text":"Shared","createdAt":"2026-12-02T01:00:00.000Z"}""", item[EventTable.Data].S);
        Assert.False(item.ContainsKey(EventTable.Owner));
        Assert.Null(EventCodec.FromItem(item).Owner);
        Assert.Null(EventCodec.SnapshotOf(item)!.State.Owner);
    }

    [Fact]
    public void A_deleted_todos_snapshot_keeps_its_owner()
    {
        var item = EventCodec.ToItem(new StoredEvent(TodoId, 2, new TodoDeleted(), CreatedAt, "req", Owner: Alice), new TodoState.Deleted(Alice));

        Assert.Equal(new TodoState.Deleted(Alice), EventCodec.SnapshotOf(item)!.State);
    }

    [Fact]
    public void Each_event_is_projected_into_its_owners_list_and_only_one_owners_events_coalesce()
    {
        var owned = Projected(new StoredEvent(TodoId, 1, new TodoCreated("Mine", CreatedAt, Alice), CreatedAt, "req", Owner: Alice), new TodoState.Live("Mine", false, CreatedAt, Alice));
        var completed = Projected(new StoredEvent(TodoId, 2, new TodoCompleted(), CreatedAt, "req", Owner: Alice), new TodoState.Live("Mine", true, CreatedAt, Alice));
        var shared = Projected(new StoredEvent(TodoId, 1, new TodoCreated("Shared", CreatedAt), CreatedAt, "req"), new TodoState.Live("Shared", false, CreatedAt));
        var sharedCompleted = Projected(new StoredEvent(TodoId, 2, new TodoCompleted(), CreatedAt, "req"), new TodoState.Live("Shared", true, CreatedAt));

        Assert.Equal(Alice, owned.ListId);
        Assert.Equal("default", shared.ListId);
        Assert.Equal(Alice, completed.ListId);
        Assert.Equal(Alice, owned.Then(completed)!.ListId);
        Assert.Null(owned.Then(sharedCompleted));
    }

    /// <summary>The change the projector makes of the event's item: the state it carries, in the list of the owner it names.</summary>
    private static ReadModelChange Projected(StoredEvent stored, TodoState after) =>
        ReadModelChange.Of(stored.TodoId, EventCodec.SnapshotOf(EventCodec.ToItem(stored, after))!);

    [Fact]
    public void An_owner_that_is_not_a_string_is_a_malformed_item()
    {
        var item = EventCodec.ToItem(new StoredEvent(TodoId, 1, new TodoCompleted(), CreatedAt, "req", Owner: Alice), new TodoState.Live("x", true, CreatedAt, Alice));
        item[EventTable.Owner] = new AttributeValue { N = "1" };

        Assert.Throws<FormatException>(() => EventCodec.FromItem(item));
    }
}
