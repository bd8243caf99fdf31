using Todo.Store.Events;
using Todo.Domain;

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
    /// time, and the version that state is at (0 before the first event).
    /// </summary>
    public async Task<(TodoState State, long Version)> AsOfAsync(Guid id, AsOf asOf, CancellationToken cancellationToken)
    {
        var state = TodoState.Initial;
        long version = 0;
        var more = true;
        while (more)
        {
            List<StoredEvent> events;
            (events, more) = await PageAsync(id, version, null, cancellationToken);
            foreach (var stored in events)
            {
                if (!asOf.Includes(stored))
                    return (state, version);
                state = TodoDecider.Evolve(state, stored.Event);
                version = stored.Version;
            }
        }
        return (state, version);
    }
}
