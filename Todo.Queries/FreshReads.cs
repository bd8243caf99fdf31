using Todo.Http;
using Todo.Domain;
using Todo.Store.Events;
using Todo.Store.ReadTable;

namespace Todo.Queries;

/// <summary>
/// Read-your-writes without waiting for the projection. A todo read by id is its newest event item's state: one
/// consistent read, never older than any command acknowledged on it. A list page comes from the read table, which
/// may lag; the todos the client says it changed (its <see cref="RecentWritesCookie"/>, or the version tokens of
/// <c>X-Min-Version</c>) are then taken from their events wherever the page may be behind them: one read each, for
/// the page's range only, at most <see cref="RecentWritesCookie.MaxWrites"/> of each kind, once per request.
/// </summary>
public sealed class FreshReads(EventStore events)
{
    /// <summary>The todo's state from its events, with its version; the todo is null when it does not exist, no longer does, or is another user's.</summary>
    public async Task<(TodoView? Todo, long Version)> GetAsync(string? caller, Guid id, CancellationToken cancellationToken)
    {
        var (state, version) = await events.ReadSnapshotAsync(id, cancellationToken);
        if (!state.BelongsTo(caller))
            return (null, 0);
        return state is TodoState.Live live
            ? (new TodoView(id, live.Text, live.Completed, live.CreatedAt, version), version)
            : (null, version);
    }

    /// <summary>What one list request patches its pages with (<see cref="ListPatch"/>).</summary>
    public ListPatch For(string? caller, IReadOnlyList<VersionToken> tokens, IReadOnlyList<RecentWrite> writes) => new(this, caller, tokens, writes);
}
