using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Todo.Store.ReadTable;
using Todo.Domain;

namespace Todo.ReadModel;

/// <summary>
/// The whole read item a todo's events give: what projecting them one by one leaves, written at once by a
/// replay, a repair or a rebuild, and what a verify compares the read table with.
/// </summary>
public static class ReadModelItem
{
    /// <param name="full">The change of all the todo's events, from its first (<see cref="TodoProjection.Fold"/>).</param>
    public static Dictionary<string, AttributeValue> Of(ReadModelChange full)
    {
        if (full.PreviousVersion != 0 || full.CreatedAt is not { } createdAt || full.Text is not { } text || full.Completed is not { } completed)
            throw new ArgumentException("Only the change of a todo's whole stream, from its creation, gives its whole item.", nameof(full));
        var item = TodoTable.Key(full.ListId, full.TodoId);
        item[TodoTable.Version] = new AttributeValue { N = full.Version.ToString(CultureInfo.InvariantCulture) };
        item[TodoTable.Text] = new AttributeValue { S = text };
        item[TodoTable.Completed] = new AttributeValue { BOOL = completed };
        item[TodoTable.CreatedAt] = new AttributeValue { S = Timestamp.ToText(createdAt) };
        if (full.Deleted)
            item[TodoTable.Deleted] = new AttributeValue { BOOL = true };
        else
            item[TodoTable.CreatedAtKey] = new AttributeValue { S = TodoTable.SortKey(full.TodoId, createdAt) };
        return item;
    }
}
