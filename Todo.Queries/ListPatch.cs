using Todo.Http;
using Todo.Store.ReadTable;

namespace Todo.Queries;

/// <summary>
/// One list request's read-your-writes: the client's recent writes (cookie) and version tokens, patched into each page
/// the request reads. A todo is read from its events at most once per request, however many pages the request goes
/// through, so a request costs at most one read per cookie entry and per token on top of its pages.
/// </summary>
public sealed class ListPatch(FreshReads fresh, string? caller, IReadOnlyList<VersionToken> tokens, IReadOnlyList<RecentWrite> writes)
{
    private readonly Dictionary<Guid, Task<(TodoView? Todo, long Version)>> read = [];

    /// <summary>Whether there is anything to patch: without tokens or writes the pages are the read table's.</summary>
    public bool IsEmpty => tokens.Count == 0 && writes.Count == 0;

    /// <summary>
    /// A page of the list, oldest first, with the client's recent writes in it as they are now: a deleted todo
    /// gone, a created or changed one as its events say, if it sorts within the page.
    /// </summary>
    /// <param name="after">The sort key the page starts after; null from the list's start.</param>
    /// <param name="upTo">The page's last sort key; null to the list's end.</param>
    public async Task<List<TodoView>> ApplyAsync(List<TodoView> page, string? after, string? upTo, CancellationToken cancellationToken)
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

        foreach (var id in stale)
        {
            if (!read.ContainsKey(id))
                read[id] = fresh.GetAsync(caller, id, cancellationToken);
        }
        var current = await Task.WhenAll(stale.Select(id => read[id]));
        foreach (var (id, (todo, _)) in stale.Zip(current))
        {
            page.RemoveAll(listed => listed.Id == id);
            if (todo is not null && Covers(TodoTable.SortKey(todo.Id, todo.CreatedAt)))
                page.Add(todo);
        }
        return [.. page.OrderBy(todo => TodoTable.SortKey(todo.Id, todo.CreatedAt), StringComparer.Ordinal)];
    }
}
