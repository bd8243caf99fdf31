using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Todo.Domain;

namespace Todo.Store.ReadTable;

/// <summary>
/// The read table's layout. Every todo lives in its owner's list partition (<see cref="ListId"/>, the
/// user's Cognito <c>sub</c>, or <see cref="DefaultList"/> for the shared list of an open API), so a
/// user's list is one Query on the <see cref="ByCreatedAt"/> index, and reading a todo by id in the
/// caller's partition cannot find another user's. Deleted todos stay as tombstones without <see cref="CreatedAtKey"/>, which keeps
/// them out of the sparse index while still recording the version they reached.
/// </summary>
public static class TodoTable
{
    public const string EnvironmentVariable = "TODOS_TABLE";

    /// <summary>The shared list: todos without an owner (an open API, or created before there were users).</summary>
    public const string DefaultList = "default";

    public const string ListId = "listId";
    public const string TodoId = "todoId";
    public const string ByCreatedAt = "byCreatedAt";
    public const string CreatedAtKey = "createdAtKey";
    public const string Text = "text";
    public const string Completed = "completed";
    public const string CreatedAt = "createdAt";
    public const string Version = "version";
    public const string Deleted = "deleted";

    /// <summary>
    /// When the item's state was last written, then the todo's id (<c>time#id</c>, as <see cref="CreatedAtKey"/>), stamped by
    /// the writer's clock at each write: the sort key of <see cref="ByChange"/>, the global index the changes feed reads a
    /// list's changes in order of. Not part of the todo's state.
    /// </summary>
    public const string ChangeKey = "changeKey";

    /// <summary>The index of a list's items by <see cref="ChangeKey"/>, tombstones included.</summary>
    public const string ByChange = "byChange";

    /// <summary>
    /// Set while the todo is parked (see the projector's quarantine): the item is stale, holding the state
    /// before the parked event. A todo parked at its first event has an item holding only this and its key.
    /// </summary>
    public const string ParkedAt = "parkedAt";

    /// <summary>The list partition of a todo's owner (or of a caller, for what it may read).</summary>
    public static string ListOf(string? owner) => owner ?? DefaultList;

    public static Dictionary<string, AttributeValue> Key(string listId, Guid id) => new()
    {
        [ListId] = new AttributeValue { S = listId },
        [TodoId] = new AttributeValue { S = id.ToString() },
    };

    /// <summary>The index sort key: creation time first, the id to break ties.</summary>
    public static string SortKey(Guid id, DateTimeOffset createdAt) => $"{Timestamp.ToText(createdAt)}#{id}";

    /// <summary>The <see cref="ChangeKey"/> of a write of the todo's state at <paramref name="writtenAt"/>.</summary>
    public static string ChangeKeyOf(Guid id, DateTimeOffset writtenAt) => SortKey(id, writtenAt);

    /// <summary>The last event an item has applied, tombstones included; 0 for an item that has applied none (parked at its first).</summary>
    public static long VersionOf(IReadOnlyDictionary<string, AttributeValue> item) =>
        item.TryGetValue(Version, out var version) ? long.Parse(version.N, CultureInfo.InvariantCulture) : 0;

    /// <summary>The live todo an item holds, or null for a tombstone or an item that has applied no event.</summary>
    public static TodoView? FromItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        if ((item.TryGetValue(Deleted, out var deleted) && deleted.BOOL == true) || !item.ContainsKey(Version))
            return null;
        return new TodoView(
            Guid.Parse(item[TodoId].S),
            item[Text].S,
            item[Completed].BOOL == true,
            Timestamp.Parse(item[CreatedAt].S),
            VersionOf(item));
    }
}
