using Todo.Domain;
using Todo.Domain.Events;
using Todo.Store.Events;
using Todo.Store.Idempotency;

namespace Todo.Tests.Store;

/// <summary>
/// What every <see cref="IEventStore"/> must do, run on each: the in-memory one the command handler's tests
/// use, and DynamoDB, so that what passes on the first holds on the second.
/// </summary>
public abstract class EventStoreContract
{
    /// <summary>
    /// Whole milliseconds, as the table keeps times; years ahead of the real clock, because DynamoDB's TTL on
    /// the idempotency table removes records whose expiration the real clock has passed, whatever the store is told.
    /// </summary>
    protected static readonly DateTimeOffset Now = new(2036, 11, 25, 10, 0, 0, 123, TimeSpan.Zero);

    protected abstract IEventStore Store { get; }

    /// <summary>Writes events as the code of before snapshots did: without the state after each.</summary>
    protected abstract Task SeedWithoutSnapshotsAsync(IReadOnlyList<StoredEvent> events);

    private static readonly CancellationToken None = CancellationToken.None;

    private static List<FoldedEvent> Folded(Snapshot current, Guid todoId, params TodoEvent[] events) =>
        FoldedEvent.Following(current, events, todoId, $"command-{Guid.NewGuid()}", "Root=1-00000000-000000000000000000000000", Now);

    private static TodoCreated Created(string text = "Buy milk") => new(text, Now, "owner-1");

    private static IdempotencyRecord Record(string id, string data, DateTimeOffset? expiresAt = null) =>
        new(id, (expiresAt ?? Now.AddHours(1)).ToUnixTimeSeconds(), "validation-" + data, data);

    /// <summary>A todo created by one append: its id and its snapshot at version 1.</summary>
    private async Task<(Guid Id, Snapshot Snapshot)> CreateAsync()
    {
        var id = Guid.NewGuid();
        var created = Folded(Snapshot.Empty, id, Created());
        Assert.IsType<AppendResult.Appended>(await Store.AppendAsync(created, null, Now, None));
        return (id, new Snapshot(created[0].StateAfter, 1));
    }

    private async Task<List<StoredEvent>> AllEventsAsync(Guid id, int? limit = null)
    {
        var events = new List<StoredEvent>();
        long after = 0;
        while (true)
        {
            var page = await Store.ReadPageAsync(id, after, limit, consistent: true, None);
            events.AddRange(page.Events);
            if (page.ContinueAfter is not { } next)
                return events;
            after = next;
        }
    }

    [Fact]
    public async Task A_todo_without_events_has_the_empty_snapshot_and_no_page()
    {
        var id = Guid.NewGuid();

        Assert.Equal(Snapshot.Empty, await Store.ReadSnapshotAsync(id, None));
        var page = await Store.ReadPageAsync(id, 0, null, consistent: true, None);
        Assert.Empty(page.Events);
        Assert.Null(page.ContinueAfter);
    }

    [Fact]
    public async Task An_append_is_read_back_as_its_events_and_the_snapshot_given_with_them()
    {
        var id = Guid.NewGuid();
        var created = Folded(Snapshot.Empty, id, Created());

        var result = await Store.AppendAsync(created, null, Now, None);

        Assert.IsType<AppendResult.Appended>(result);
        Assert.Equal(new Snapshot(new TodoState.Live("Buy milk", false, Now, "owner-1"), 1), await Store.ReadSnapshotAsync(id, None));
        Assert.Equal([created[0].Stored], await AllEventsAsync(id));
    }

    /// <summary>The store keeps the state it is given, not one it folds: what the deciding side folded is the snapshot.</summary>
    [Fact]
    public async Task The_snapshot_is_the_state_given_with_the_newest_event()
    {
        var (id, current) = await CreateAsync();
        var given = new TodoState.Live("Kept as given", true, Now, "owner-1");

        await Store.AppendAsync([new FoldedEvent(Folded(current, id, new TodoCompleted())[0].Stored, given)], null, Now, None);

        Assert.Equal(new Snapshot(given, 2), await Store.ReadSnapshotAsync(id, None));
    }

    [Fact]
    public async Task A_version_taken_by_another_writer_is_a_conflict_with_the_winners_snapshot_and_writes_nothing()
    {
        var (id, current) = await CreateAsync();
        var winner = Folded(current, id, new TodoTextChanged("Won"));
        await Store.AppendAsync(winner, null, Now, None);

        var lost = Record(Guid.NewGuid().ToString(), "lost");

        // One event alone, and events with a record (on DynamoDB, a PutItem and a transaction).
        var single = await Store.AppendAsync(Folded(current, id, new TodoTextChanged("Lost")), null, Now, None);
        var several = await Store.AppendAsync(Folded(current, id, new TodoTextChanged("Lost"), new TodoCompleted()), lost, Now, None);

        Assert.All([single, several], r => Assert.Equal(new Snapshot(winner[0].StateAfter, 2), Assert.IsType<AppendResult.Conflict>(r).Winner));
        Assert.Equal([1L, 2], (await AllEventsAsync(id)).Select(e => e.Version));
        Assert.Equal(new TodoTextChanged("Won"), (await AllEventsAsync(id))[^1].Event);
        Assert.Null(await Store.FindIdempotencyAsync(lost.Id, Now, None));
    }

    [Fact]
    public async Task Several_events_are_appended_together_in_order()
    {
        var (id, current) = await CreateAsync();
        var both = Folded(current, id, new TodoTextChanged("Both"), new TodoCompleted());

        var result = await Store.AppendAsync(both, null, Now, None);

        Assert.IsType<AppendResult.Appended>(result);
        Assert.Equal(new Snapshot(new TodoState.Live("Both", true, Now, "owner-1"), 3), await Store.ReadSnapshotAsync(id, None));
        Assert.Equal([1L, 2, 3], (await AllEventsAsync(id)).Select(e => e.Version));
        Assert.Equal(both.Select(e => e.Stored), (await AllEventsAsync(id)).Skip(1));
    }

    [Fact]
    public async Task Several_events_of_which_one_conflicts_write_none()
    {
        var (id, current) = await CreateAsync();
        // Version 3 taken, 2 free: the first event alone would succeed.
        var later = Folded(new Snapshot(current.State, 2), id, new TodoCompleted());
        await Store.AppendAsync(later, null, Now, None);

        var result = await Store.AppendAsync(Folded(current, id, new TodoTextChanged("Half"), new TodoReopened()), null, Now, None);

        Assert.Equal(new Snapshot(later[0].StateAfter, 3), Assert.IsType<AppendResult.Conflict>(result).Winner);
        Assert.Equal([1L, 3], (await AllEventsAsync(id)).Select(e => e.Version));
    }

    [Fact]
    public async Task The_idempotency_record_is_written_with_the_events()
    {
        var id = Guid.NewGuid();
        var record = Record(Guid.NewGuid().ToString(), "created");

        Assert.IsType<AppendResult.Appended>(await Store.AppendAsync(Folded(Snapshot.Empty, id, Created()), record, Now, None));

        Assert.Equal(record, await Store.FindIdempotencyAsync(record.Id, Now, None));
        Assert.Null(await Store.FindIdempotencyAsync(Guid.NewGuid().ToString(), Now, None));
    }

    [Fact]
    public async Task A_record_is_written_alone_for_an_append_without_events()
    {
        var record = Record(Guid.NewGuid().ToString(), "unchanged");

        Assert.IsType<AppendResult.Appended>(await Store.AppendAsync([], record, Now, None));

        Assert.Equal(record, await Store.FindIdempotencyAsync(record.Id, Now, None));
    }

    [Fact]
    public async Task A_record_already_there_is_a_duplicate_with_it_and_no_event_is_written()
    {
        var first = Record(Guid.NewGuid().ToString(), "first");
        await Store.AppendAsync(Folded(Snapshot.Empty, Guid.NewGuid(), Created()), first, Now, None);
        var (id, current) = await CreateAsync();

        var withEvent = await Store.AppendAsync(Folded(current, id, new TodoCompleted()), first with { Data = "second" }, Now, None);
        var withEvents = await Store.AppendAsync(Folded(current, id, new TodoCompleted(), new TodoReopened()), first with { Data = "third" }, Now, None);
        var alone = await Store.AppendAsync([], first with { Data = "fourth" }, Now.AddMinutes(59), None);

        Assert.All([withEvent, withEvents, alone], r => Assert.Equal(first, Assert.IsType<AppendResult.Duplicate>(r).Existing));
        Assert.Equal([1L], (await AllEventsAsync(id)).Select(e => e.Version));
        Assert.Equal(first, await Store.FindIdempotencyAsync(first.Id, Now, None));
    }

    /// <summary>A record is valid through the whole second it expires in; after it, TTL may not have removed it yet, and a new one takes its place.</summary>
    [Fact]
    public async Task An_expired_record_is_not_found_and_can_be_overwritten()
    {
        var old = Record(Guid.NewGuid().ToString(), "old", Now);
        await Store.AppendAsync([], old, Now, None);
        var later = Now.AddSeconds(1);

        var atExpiry = await Store.FindIdempotencyAsync(old.Id, Now.AddMilliseconds(800), None);
        var afterExpiry = await Store.FindIdempotencyAsync(old.Id, later, None);
        var renewed = old with { Expiration = later.AddHours(1).ToUnixTimeSeconds(), Data = "new" };
        var result = await Store.AppendAsync(Folded(Snapshot.Empty, Guid.NewGuid(), Created()), renewed, later, None);

        Assert.Equal(old, atExpiry);
        Assert.Null(afterExpiry);
        Assert.IsType<AppendResult.Appended>(result);
        Assert.Equal(renewed, await Store.FindIdempotencyAsync(old.Id, later, None));
    }

    [Fact]
    public async Task Pages_read_every_event_in_order_and_only_those_after_the_version_asked()
    {
        var (id, current) = await CreateAsync();
        for (var i = 1; i < 10; i++)
        {
            var next = Folded(current, id, new TodoTextChanged($"edit {i}"));
            await Store.AppendAsync(next, null, Now, None);
            current = new Snapshot(next[0].StateAfter, current.Version + 1);
        }

        var paged = await AllEventsAsync(id, limit: 3);
        var firstPage = await Store.ReadPageAsync(id, 0, 3, consistent: false, None);
        var afterSeven = await Store.ReadPageAsync(id, 7, null, consistent: true, None);

        Assert.Equal(Enumerable.Range(1, 10).Select(v => (long)v), paged.Select(e => e.Version));
        Assert.Equal(new TodoTextChanged("edit 9"), paged[^1].Event);
        Assert.Equal(paged, await AllEventsAsync(id));
        Assert.Equal([1L, 2, 3], firstPage.Events.Select(e => e.Version));
        Assert.Equal(3, firstPage.ContinueAfter);
        Assert.Equal([8L, 9, 10], afterSeven.Events.Select(e => e.Version));
    }

    [Fact]
    public async Task A_stream_whose_newest_event_has_no_snapshot_is_folded()
    {
        var id = Guid.NewGuid();
        TodoEvent[] history = [Created("Old"), new TodoTextChanged("Older still"), new TodoCompleted()];
        var events = history.Select((e, i) => new StoredEvent(id, i + 1, e, Now, "command", null, "owner-1")).ToList();
        await SeedWithoutSnapshotsAsync(events);

        Assert.Equal(new Snapshot(new TodoState.Live("Older still", true, Now, "owner-1"), 3), await Store.ReadSnapshotAsync(id, None));
        Assert.Equal(events, await AllEventsAsync(id));
    }
}
