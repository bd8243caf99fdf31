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
/// the page's range only, at most <see cref="RecentWritesCookie.MaxWrites"/> of each kind.
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

    /// <summary>
    /// A page of the list, oldest first, with the client's recent writes in it as they are now: a deleted todo
    /// gone, a created or changed one as its events say, if it sorts within the page.
    /// </summary>
    /// <param name="after">The sort key the page starts after; null from the list's start.</param>
    /// <param name="upTo">The page's last sort key; null to the list's end.</param>
    public async Task<List<TodoView>> PatchAsync(
        string? caller, List<TodoView> page, string? after, string? upTo, IReadOnlyList<VersionToken> tokens, IReadOnlyList<RecentWrite> writes,
        CancellationToken cancellationToken)
    {
        bool Covers(string sortKey) =>
            (after is null || string.CompareOrdinal(sortKey, after) > 0) && (upTo is null || string.CompareOrdinal(sortKey, upTo) <= 0);

        var stale = new HashSet<Guid>();
        foreach (var write in writes)
        {
            // A deletion is final: whatever the read table still shows, the todo is gone.
            if (write.CreatedAt is not { } createdAt)
                page.RemoveAll(todo => todo.Id == write.TodoId);
            else if (Covers(TodoTable.SortKey(write.TodoId, createdAt)))
                stale.Add(write.TodoId);
        }
        // A token says only a version: the read table is behind it unless the page shows the todo at that version or later.
        foreach (var token in tokens)
        {
            if (page.Find(todo => todo.Id == token.TodoId) is not { } listed || listed.Version < token.Version)
                stale.Add(token.TodoId);
        }
        if (stale.Count == 0)
            return page;

        var fresh = await Task.WhenAll(stale.Select(id => GetAsync(caller, id, cancellationToken)));
        foreach (var (id, (todo, _)) in stale.Zip(fresh))
        {
            page.RemoveAll(listed => listed.Id == id);
            if (todo is not null && Covers(TodoTable.SortKey(todo.Id, todo.CreatedAt)))
                page.Add(todo);
        }
        return [.. page.OrderBy(todo => TodoTable.SortKey(todo.Id, todo.CreatedAt), StringComparer.Ordinal)];
    }
}
