using Todo.Store.Idempotency;

namespace Todo.Store.Events;

/// <summary>
/// What the command side needs of a todo's stream: its newest snapshot, a conditional append, its events
/// page by page, and a request's kept answer. The store only keeps what it is given: the deciding side
/// folds each event's state once, and the store neither decides nor folds (but for a stream whose newest
/// event predates snapshots, which it folds to read).
/// </summary>
public interface IEventStore
{
    /// <summary>The todo's state at its newest version; <see cref="Snapshot.Empty"/> for a todo with no events.</summary>
    Task<Snapshot> ReadSnapshotAsync(Guid todoId, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the events, each with the state it leaves its todo in, and the request's idempotency record if
    /// it has one, all or nothing. Each version may be written once: if another writer took one first, nothing
    /// is written and the result is a <see cref="AppendResult.Conflict"/> with that writer's snapshot when
    /// known. A record may be written where none is or where the one there has expired at
    /// <paramref name="now"/>: else nothing is written and the result is a <see cref="AppendResult.Duplicate"/>
    /// with the record there.
    /// </summary>
    /// <param name="events">Contiguous versions of one todo, following the version they were decided on; none for a record alone.</param>
    Task<AppendResult> AppendAsync(IReadOnlyList<FoldedEvent> events, IdempotencyRecord? idempotency, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="limit"/> of the todo's events after version <paramref name="afterVersion"/>, oldest first.</summary>
    /// <param name="consistent">Whether the page must hold every event appended before the read began.</param>
    Task<EventPage> ReadPageAsync(Guid todoId, long afterVersion, int? limit, bool consistent, CancellationToken cancellationToken);

    /// <summary>The request's kept answer, unless there is none or it has expired at <paramref name="now"/>.</summary>
    Task<IdempotencyRecord?> FindIdempotencyAsync(string id, DateTimeOffset now, CancellationToken cancellationToken);
}
