using Todo.Domain;
using Todo.Store.Events;
using Todo.Store.Idempotency;

namespace Todo.Tests.Store;

/// <summary>
/// The events and idempotency tables in memory, with DynamoDB's conditions: a version is written once per
/// todo, a record only where none is or the one there has expired, and an append's events and record all
/// commit or none do. Its tests pass on it and on DynamoDB alike (<see cref="EventStoreContract"/>), so the
/// command handler's logic can be tested on it without a database. A test double only.
/// </summary>
public sealed class MemoryEventStore : IEventStore
{
    /// <summary>A stored event and the snapshot kept with it; null as for an item written before snapshots were kept.</summary>
    private sealed record Entry(StoredEvent Stored, TodoState? StateAfter);

    private readonly Dictionary<Guid, SortedList<long, Entry>> streams = [];
    private readonly Dictionary<string, IdempotencyRecord> records = [];
    private readonly Lock gate = new();

    public Task<Snapshot> ReadSnapshotAsync(Guid todoId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (!streams.TryGetValue(todoId, out var stream) || stream.Count == 0)
                return Task.FromResult(Snapshot.Empty);
            var newest = stream.Values[^1];
            return Task.FromResult(newest.StateAfter is { } state
                ? new Snapshot(state, newest.Stored.Version)
                : new Snapshot(TodoDecider.Fold(stream.Values.Select(e => e.Stored.Event)), newest.Stored.Version));
        }
    }

    public Task<AppendResult> AppendAsync(IReadOnlyList<FoldedEvent> events, IdempotencyRecord? idempotency, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            if (idempotency is not null && records.TryGetValue(idempotency.Id, out var existing) && !existing.HasExpired(now))
                return Task.FromResult<AppendResult>(new AppendResult.Duplicate(existing));
            foreach (var folded in events)
            {
                if (streams.TryGetValue(folded.Stored.TodoId, out var stream) && stream.TryGetValue(folded.Stored.Version, out var winner))
                    return Task.FromResult<AppendResult>(new AppendResult.Conflict(winner.StateAfter is { } state ? new Snapshot(state, winner.Stored.Version) : null));
            }
            foreach (var folded in events)
                Stream(folded.Stored.TodoId).Add(folded.Stored.Version, new Entry(folded.Stored, folded.StateAfter));
            if (idempotency is not null)
                records[idempotency.Id] = idempotency;
            return Task.FromResult<AppendResult>(new AppendResult.Appended());
        }
    }

    public Task<EventPage> ReadPageAsync(Guid todoId, long afterVersion, int? limit, bool consistent, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var after = streams.TryGetValue(todoId, out var stream) ? stream.Values.Where(e => e.Stored.Version > afterVersion).ToList() : [];
            var page = after.Take(limit ?? int.MaxValue).Select(e => e.Stored).ToList();
            return Task.FromResult(new EventPage(page, page.Count < after.Count ? page[^1].Version : null));
        }
    }

    public Task<IdempotencyRecord?> FindIdempotencyAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        lock (gate)
            return Task.FromResult(records.TryGetValue(id, out var record) && !record.HasExpired(now) ? record : null);
    }

    /// <summary>Events as the code of before snapshots wrote them, with no state: unconditionally, as a test's history.</summary>
    public void SeedWithoutSnapshots(IEnumerable<StoredEvent> events)
    {
        lock (gate)
        {
            foreach (var stored in events)
                Stream(stored.TodoId).Add(stored.Version, new Entry(stored, null));
        }
    }

    private SortedList<long, Entry> Stream(Guid todoId)
    {
        if (!streams.TryGetValue(todoId, out var stream))
            streams[todoId] = stream = [];
        return stream;
    }
}
