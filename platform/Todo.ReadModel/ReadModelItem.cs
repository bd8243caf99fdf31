using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Todo.Domain;
using Todo.Store.Events;
using Todo.Store.ReadTable;

namespace Todo.ReadModel;

/// <summary>
/// The whole read item of a todo's state: what the projector writes from the state an event item carries, and
/// what a replay, a repair or a rebuild writes, and a verify compares the read table with, from the todo's stream.
/// A tombstone holds the version and the deleted flag only: a deleted todo's state keeps nothing else.
/// </summary>
public static class ReadModelItem
{
    /// <summary>What an item holds besides its key: every attribute a state can give.</summary>
    public static readonly IReadOnlyList<string> StateAttributes =
        [TodoTable.Version, TodoTable.Text, TodoTable.Completed, TodoTable.CreatedAt, TodoTable.CreatedAtKey, TodoTable.Deleted];

    public static Dictionary<string, AttributeValue> Of(Guid todoId, Snapshot snapshot)
    {
        var item = TodoTable.Key(TodoTable.ListOf(snapshot.State.Owner), todoId);
        item[TodoTable.Version] = new AttributeValue { N = snapshot.Version.ToString(CultureInfo.InvariantCulture) };
        switch (snapshot.State)
        {
            case TodoState.Live live:
                item[TodoTable.Text] = new AttributeValue { S = live.Text };
                item[TodoTable.Completed] = new AttributeValue { BOOL = live.Completed };
                item[TodoTable.CreatedAt] = new AttributeValue { S = Timestamp.ToText(live.CreatedAt) };
                item[TodoTable.CreatedAtKey] = new AttributeValue { S = TodoTable.SortKey(todoId, live.CreatedAt) };
                break;
            case TodoState.Deleted:
                item[TodoTable.Deleted] = new AttributeValue { BOOL = true };
                break;
            default:
                throw new ArgumentException("A todo no event has made has no read item.", nameof(snapshot));
        }
        return item;
    }

    /// <summary>
    /// <paramref name="item"/> with its <see cref="TodoTable.ChangeKey"/> stamped at <paramref name="writtenAt"/>: what a write
    /// of a whole item writes. The stamp is not state, so <see cref="Of"/> leaves it out and a verify does not compare it.
    /// </summary>
    public static Dictionary<string, AttributeValue> Stamped(Dictionary<string, AttributeValue> item, DateTimeOffset writtenAt)
    {
        item[TodoTable.ChangeKey] = new AttributeValue { S = TodoTable.ChangeKeyOf(Guid.Parse(item[TodoTable.TodoId].S), writtenAt) };
        return item;
    }

    /// <summary>
    /// The state a todo's whole stream leaves it in, by the domain's own fold; null for no events. Throws
    /// <see cref="InvalidOperationException"/> for a stream that does not run from version 1 without a gap, or
    /// holds an event its state cannot take (one after the delete), which no append makes.
    /// </summary>
    public static Snapshot? StateOf(EventStream stream)
    {
        if (stream.Events.Count == 0)
            return null;
        if (stream.Events.Where((e, i) => e.Version != i + 1).FirstOrDefault() is { } misplaced)
            throw new InvalidOperationException($"Version {misplaced.Version} of {misplaced.TodoId} is not where the stream's order puts it.");
        return new Snapshot(TodoDecider.Fold(stream.DomainEvents), stream.Version);
    }
}
