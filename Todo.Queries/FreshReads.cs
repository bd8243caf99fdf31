using Todo.Http;
using Todo.Domain;
using Todo.Store.Events;
using Todo.Store.ReadTable;

namespace Todo.Queries;

/// <summary>
/// Read-your-writes: a read that names the versions its client has seen (<c>X-Min-Version</c>) never
/// answers with older state. It reads the read table consistently until the projection has caught
/// up, for a bounded time, and then reads the todo's state from its events instead: a consistent read
/// of the newest event, which holds the state after it.
/// </summary>
public sealed class FreshReads(TodoReader reader, EventStore events, TimeProvider clock)
{
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    /// <returns>The todo as of at least <paramref name="minVersion"/>, with its version; the todo is null when it does not exist (or no longer does).</returns>
    /// <param name="caller">Whose list is read; another user's todo reads as none, from the read table and the events alike.</param>
    public async Task<(TodoView? Todo, long Version)> GetAsync(string? caller, Guid id, long minVersion, CancellationToken cancellationToken)
    {
        var deadline = clock.GetUtcNow() + MaxWait;
        while (true)
        {
            if (await reader.GetAsync(TodoTable.ListOf(caller), id, consistent: true, cancellationToken) is { } read && read.Version >= minVersion)
                return read;
            if (clock.GetUtcNow() >= deadline)
                return await FoldAsync(caller, id, cancellationToken);
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>The list, with every named todo at least at its version (or gone, if it was deleted by then).</summary>
    public async Task<List<TodoView>> ListAsync(string? caller, IReadOnlyList<VersionToken> tokens, CancellationToken cancellationToken)
    {
        var listId = TodoTable.ListOf(caller);
        var deadline = clock.GetUtcNow() + MaxWait;
        while (true)
        {
            var list = await reader.ListAsync(listId, consistent: true, cancellationToken);
            var behind = await BehindAsync(listId, list, tokens, cancellationToken);
            if (behind.Count == 0)
                return list;
            if (clock.GetUtcNow() >= deadline)
            {
                foreach (var token in behind)
                {
                    list.RemoveAll(todo => todo.Id == token.TodoId);
                    if ((await FoldAsync(caller, token.TodoId, cancellationToken)).Todo is { } todo)
                        list.Add(todo);
                }
                return list.OrderBy(todo => TodoTable.SortKey(todo.Id, todo.CreatedAt), StringComparer.Ordinal).ToList();
            }
            await Task.Delay(PollInterval, cancellationToken);
        }
    }

    /// <summary>The tokens the list does not yet satisfy; a todo missing from the list may be a tombstone that does.</summary>
    private async Task<List<VersionToken>> BehindAsync(string listId, List<TodoView> list, IReadOnlyList<VersionToken> tokens, CancellationToken cancellationToken)
    {
        var behind = new List<VersionToken>();
        foreach (var token in tokens)
        {
            if (list.Find(todo => todo.Id == token.TodoId) is { } listed)
            {
                if (listed.Version < token.Version)
                    behind.Add(token);
            }
            else if (await reader.GetAsync(listId, token.TodoId, consistent: true, cancellationToken) is not { Todo: null } tombstone || tombstone.Version < token.Version)
                behind.Add(token);
        }
        return behind;
    }

    /// <summary>The todo's state from its events: the newest one's snapshot, one bounded read whatever the history. Another user's todo is none.</summary>
    private async Task<(TodoView? Todo, long Version)> FoldAsync(string? caller, Guid id, CancellationToken cancellationToken)
    {
        var (state, version) = await events.ReadSnapshotAsync(id, cancellationToken);
        if (!state.BelongsTo(caller))
            return (null, 0);
        return state is TodoState.Live live
            ? (new TodoView(id, live.Text, live.Completed, live.CreatedAt, version), version)
            : (null, version);
    }
}
