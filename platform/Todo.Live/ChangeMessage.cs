using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.DynamoDBv2.Model;
using Todo.Http;
using Todo.Store.ReadTable;

namespace Todo.Live;

/// <summary>
/// What a live connection is sent for one change of its list: the todo's id and version, and its item as of that
/// version or <c>"deleted": true</c>, the changes feed's shape with <c>"type": "change"</c> in front.
/// </summary>
public sealed record ChangeMessage(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("version")] long Version,
    [property: JsonPropertyName("item")] TodoItem? Item,
    [property: JsonPropertyName("deleted")] bool? Deleted)
{
    public const string ChangeType = "change";

    [JsonPropertyName("type")]
    [JsonPropertyOrder(-1)]
    public string Type => ChangeType;

    /// <summary>The change a read item holds at its version (which it must have): its todo, or a tombstone.</summary>
    public static ChangeMessage Of(IReadOnlyDictionary<string, AttributeValue> item) =>
        TodoTable.FromItem(item) is { } todo
            ? new ChangeMessage(todo.Id.ToString(), todo.Version, TodoItem.From(todo), null)
            : new ChangeMessage(Guid.Parse(item[TodoTable.TodoId].S).ToString(), TodoTable.VersionOf(item), null, Deleted: true);

    public byte[] ToUtf8Bytes() => JsonSerializer.SerializeToUtf8Bytes(this, LiveJsonContext.Default.ChangeMessage);
}
