using System.Text.Json.Serialization;
using Amazon.DynamoDBv2.Model;
using Todo.Store.ReadTable;

namespace Todo.Http;

/// <summary>
/// One change of a list: the todo's id and version, and either its item or <c>"deleted": true</c>. The changes feed answers
/// it as it is; a live connection is sent it with its <see cref="Type"/> in front.
/// </summary>
public sealed record TodoChange(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("item")] TodoItem? Item,
    [property: JsonPropertyName("deleted")] bool? Deleted)
{
    /// <summary>What kind of message a live connection is sent (<c>change</c>); none in the feed.</summary>
    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string? Type { get; init; }

    /// <summary>The change a read item stands for: its state as of its version, a tombstone for a deleted todo.</summary>
    public static TodoChange From(IReadOnlyDictionary<string, AttributeValue> item) =>
        TodoTable.FromItem(item) is { } todo
            ? new TodoChange(todo.Id.ToString(), todo.Version, TodoItem.From(todo), null)
            : new TodoChange(item[TodoTable.TodoId].S, TodoTable.VersionOf(item), null, true);
}
