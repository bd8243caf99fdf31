using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Todo.Domain;
using Todo.Domain.Events;

namespace Todo.Adapters.Events;

/// <summary>Maps events to and from the events table's items (one item per event).</summary>
public static class EventCodec
{
    public const int SchemaVersion = 1;

    public static Dictionary<string, AttributeValue> ToItem(StoredEvent stored)
    {
        var (type, data) = Encode(stored.Event);
        return new Dictionary<string, AttributeValue>
        {
            [EventTable.TodoId] = new() { S = stored.TodoId.ToString() },
            [EventTable.Version] = new() { N = stored.Version.ToString(CultureInfo.InvariantCulture) },
            [EventTable.Type] = new() { S = type },
            [EventTable.SchemaVersion] = new() { N = SchemaVersion.ToString(CultureInfo.InvariantCulture) },
            [EventTable.Data] = new() { S = data },
            [EventTable.OccurredAt] = new() { S = Timestamp.ToText(stored.OccurredAt) },
            [EventTable.CommandId] = new() { S = stored.CommandId },
        };
    }

    /// <summary>Reads an item back; throws <see cref="FormatException"/> for anything that is not an event this code knows.</summary>
    public static StoredEvent FromItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var schema = Number(item, EventTable.SchemaVersion);
        if (schema != SchemaVersion)
            throw new FormatException($"Event schema version {schema} is not supported.");
        return new StoredEvent(
            Guid.Parse(Text(item, EventTable.TodoId)),
            Number(item, EventTable.Version),
            Decode(Text(item, EventTable.Type), Text(item, EventTable.Data)),
            Timestamp.Parse(Text(item, EventTable.OccurredAt)),
            Text(item, EventTable.CommandId));
    }

    private static (string Type, string Data) Encode(TodoEvent @event) => @event switch
    {
        TodoCreated e => (nameof(TodoCreated), JsonSerializer.Serialize(new CreatedData(e.Text, Timestamp.ToText(e.CreatedAt)), EventDataJsonContext.Default.CreatedData)),
        TodoTextChanged e => (nameof(TodoTextChanged), JsonSerializer.Serialize(new TextChangedData(e.Text), EventDataJsonContext.Default.TextChangedData)),
        TodoCompleted => (nameof(TodoCompleted), Empty),
        TodoReopened => (nameof(TodoReopened), Empty),
        TodoDeleted => (nameof(TodoDeleted), Empty),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event, "Unknown event."),
    };

    private static TodoEvent Decode(string type, string data)
    {
        try
        {
            return type switch
            {
                nameof(TodoCreated) => ReadCreated(data),
                nameof(TodoTextChanged) => new TodoTextChanged(Read(data, EventDataJsonContext.Default.TextChangedData).Text),
                nameof(TodoCompleted) => ReadEmpty(data, new TodoCompleted()),
                nameof(TodoReopened) => ReadEmpty(data, new TodoReopened()),
                nameof(TodoDeleted) => ReadEmpty(data, new TodoDeleted()),
                _ => throw new FormatException($"Unknown event type '{type}'."),
            };
        }
        catch (Exception e) when (e is JsonException or ArgumentNullException)
        {
            throw new FormatException($"The data of a {type} event is malformed: {e.Message}", e);
        }
    }

    private const string Empty = "{}";

    private static T Read<T>(string data, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(data, typeInfo) ?? throw new FormatException("The event data is null.");

    private static TodoCreated ReadCreated(string data)
    {
        var created = Read(data, EventDataJsonContext.Default.CreatedData);
        return new TodoCreated(created.Text, Timestamp.Parse(created.CreatedAt));
    }

    private static TodoEvent ReadEmpty(string data, TodoEvent @event)
    {
        Read(data, EventDataJsonContext.Default.EmptyData);
        return @event;
    }

    private static AttributeValue Attribute(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value : throw new FormatException($"The event item has no '{name}'.");

    private static long Number(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        long.TryParse(Attribute(item, name).N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"The event item's '{name}' is not a whole number.");

    private static string Text(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        Attribute(item, name).S ?? throw new FormatException($"The event item's '{name}' is not a string.");
}
