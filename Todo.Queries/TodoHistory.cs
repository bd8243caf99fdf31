using Todo.Store.Events;

namespace Todo.Queries;

/// <summary>
/// A todo's own events, read from the events table (the source of truth) with consistent Queries on its
/// partition, never a Scan: a page of its history, and its state as of an earlier version or time.
/// </summary>
public sealed class TodoHistory(EventStore events)
{
    /// <summary>Up to <paramref name="limit"/> events after version <paramref name="afterVersion"/>, and whether DynamoDB has more.</summary>
    public async Task<(List<StoredEvent> Events, bool More)> PageAsync(Guid id, long afterVersion, int? limit, CancellationToken cancellationToken)
    {
        var page = await events.ReadPageAsync(id, afterVersion, limit, consistent: true, cancellationToken);
        return ([.. page.Events], page.ContinueAfter is not null);
    }

    /// <summary>Whether the todo has any event at all (a deleted todo still has its history) and is <paramref name="caller"/>'s.</summary>
    public async Task<bool> ExistsAsync(string? caller, Guid id, CancellationToken cancellationToken) =>
        (await PageAsync(id, 0, 1, cancellationToken)).Events is [var first, ..] && first.Owner == caller;

    /// <summary>
    /// The todo's state after its events up to <paramref name="asOf"/>'s version, or those that had occurred by its
    /// time, and the version that state is at (0 before the first event); null for a todo that is not
    /// <paramref name="caller"/>'s. Bounded whatever the history: the newest item first (whose owner it checks),
    /// then the one item at the version, or a binary search over versions for the time (events are appended in
    /// time order), one consistent Query each, since every item holds the state after it.
    /// </summary>
    public async Task<Snapshot?> AsOfAsync(string? caller, Guid id, AsOf asOf, CancellationToken cancellationToken)
    {
        if (await events.ReadAtAsync(id, long.MaxValue, cancellationToken) is not { } newest || newest.Owner != caller)
            return null;
        if (asOf.Version is { } version)
        {
            return version >= newest.State.Version ? newest.State : (await events.ReadAtAsync(id, version, cancellationToken))!.State;
        }
        var time = asOf.Time!.Value;
        if (newest.OccurredAt <= time)
            return newest.State;
        // Invariant: the event at before occurred by the time (0: none did), the one at after did not.
        EventAt? found = null;
        long before = 0, after = newest.State.Version;
        while (after - before > 1)
        {
            var middle = before + ((after - before) / 2);
            var probe = (await events.ReadAtAsync(id, middle, cancellationToken))!;
            if (probe.OccurredAt <= time)
                (before, found) = (middle, probe);
            else
                after = middle;
        }
        return found?.State ?? Snapshot.Empty;
    }
}
