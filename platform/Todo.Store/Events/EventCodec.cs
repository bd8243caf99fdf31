using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Todo.Domain;
using Todo.Domain.Events;

namespace Todo.Store.Events;

/// <summary>
/// Maps events to and from the events table's items: one item per event, each also holding the
/// todo's state after its event (<see cref="EventTable.State"/>), so the newest item is a snapshot.
/// Each event type has its own schema version (<see cref="EventUpcasters"/>): an item is written in the
/// current one and read from any earlier one.
/// </summary>
public static class EventCodec
{
    /// <summary>The schema of the <see cref="EventTable.State"/> map, apart from the events' own.</summary>
    public const int StateSchemaVersion = 1;

    /// <param name="stateAfter">The todo's state once the event is applied: what folding the stream up to it gives.</param>
    public static Dictionary<string, AttributeValue> ToItem(StoredEvent stored, TodoState stateAfter)
    {
        var (type, data) = Encode(stored.Event);
        var item = new Dictionary<string, AttributeValue>
        {
            [EventTable.TodoId] = new() { S = stored.TodoId.ToString() },
            [EventTable.Version] = new() { N = stored.Version.ToString(CultureInfo.InvariantCulture) },
            [EventTable.Type] = new() { S = type },
            [EventTable.SchemaVersion] = new() { N = EventUpcasters.Current(type).ToString(CultureInfo.InvariantCulture) },
            [EventTable.Data] = new() { S = data },
            [EventTable.OccurredAt] = new() { S = Timestamp.ToText(stored.OccurredAt) },
            [EventTable.CommandId] = new() { S = stored.CommandId },
            [EventTable.State] = new() { M = EncodeState(stateAfter) },
        };
        if (stored.Owner is { } owner)
            item[EventTable.Owner] = new() { S = owner };
        if (stored.TraceHeader is { } header)
            item[EventTable.TraceHeader] = new() { S = header };
        return item;
    }

    /// <summary>
    /// The snapshot an item holds: the todo's state after its event, at its version. Null for an item
    /// written before snapshots were kept, or whose state has a schema this code does not know: the
    /// stream, which stays the source of truth, is folded instead. Throws <see cref="FormatException"/>
    /// for a state of a known schema that is malformed.
    /// </summary>
    public static Snapshot? SnapshotOf(IReadOnlyDictionary<string, AttributeValue> item)
    {
        if (!item.TryGetValue(EventTable.State, out var value))
            return null;
        var state = value.M ?? throw new FormatException($"The event item's '{EventTable.State}' is not a map.");
        var schema = Number(state, EventTable.StateMap.SchemaVersion);
        return schema == StateSchemaVersion ? new Snapshot(DecodeState(state, OwnerOf(item)), Number(item, EventTable.Version)) : null;
    }

    /// <summary>
    /// Reads an item back, upcast to the current schema of its type; throws <see cref="FormatException"/>
    /// for anything that is not an event this code knows.
    /// </summary>
    public static StoredEvent FromItem(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var schema = Number(item, EventTable.SchemaVersion);
        var type = Text(item, EventTable.Type);
        var data = Text(item, EventTable.Data);
        return new StoredEvent(
            Guid.Parse(Text(item, EventTable.TodoId)),
            Number(item, EventTable.Version),
            Decode(type, schema, data),
            Timestamp.Parse(Text(item, EventTable.OccurredAt)),
            Text(item, EventTable.CommandId),
            item.TryGetValue(EventTable.TraceHeader, out var header) ? header.S : null,
            OwnerOf(item));
    }

    /// <summary>What an item says in clear beside its event, read without decoding the event: its version, time and owner.</summary>
    public static (long Version, DateTimeOffset OccurredAt, string? Owner) PlaceOf(IReadOnlyDictionary<string, AttributeValue> item) =>
        (Number(item, EventTable.Version), Timestamp.Parse(Text(item, EventTable.OccurredAt)), OwnerOf(item));

    private static string? OwnerOf(IReadOnlyDictionary<string, AttributeValue> item) =>
        item.ContainsKey(EventTable.Owner) ? Text(item, EventTable.Owner) : null;

    private static (string Type, string Data) Encode(TodoEvent @event) => @event switch
    {
        TodoCreated e => (nameof(TodoCreated), JsonSerializer.Serialize(new CreatedData(e.Text, Timestamp.ToText(e.CreatedAt), e.Owner), EventDataJsonContext.Default.CreatedData)),
        TodoTextChanged e => (nameof(TodoTextChanged), JsonSerializer.Serialize(new TextChangedData(e.Text), EventDataJsonContext.Default.TextChangedData)),
        TodoCompleted => (nameof(TodoCompleted), Empty),
        TodoReopened => (nameof(TodoReopened), Empty),
        TodoDeleted => (nameof(TodoDeleted), Empty),
        _ => throw new ArgumentOutOfRangeException(nameof(@event), @event, "Unknown event."),
    };

    private static TodoEvent Decode(string type, long schema, string data)
    {
        try
        {
            if (!KnownTypes.Contains(type))
                throw new FormatException($"Unknown event type '{type}'.");
            data = EventUpcasters.Upcast(type, schema, data);
            return type switch
            {
                nameof(TodoCreated) => ReadCreated(data),
                nameof(TodoTextChanged) => new TodoTextChanged(Read(data, EventDataJsonContext.Default.TextChangedData).NewText),
                nameof(TodoCompleted) => ReadEmpty(data, new TodoCompleted()),
                nameof(TodoReopened) => ReadEmpty(data, new TodoReopened()),
                nameof(TodoDeleted) => ReadEmpty(data, new TodoDeleted()),
                _ => throw new InvalidOperationException($"No decoder for the known type '{type}'."),
            };
        }
        catch (Exception e) when (e is JsonException or ArgumentNullException)
        {
            throw new FormatException($"The data of a {type} event is malformed: {e.Message}", e);
        }
    }

    private const string Empty = "{}";

    private static readonly HashSet<string> KnownTypes =
        [nameof(TodoCreated), nameof(TodoTextChanged), nameof(TodoCompleted), nameof(TodoReopened), nameof(TodoDeleted)];

    private static Dictionary<string, AttributeValue> EncodeState(TodoState state)
    {
        var map = new Dictionary<string, AttributeValue>
        {
            [EventTable.StateMap.SchemaVersion] = new() { N = StateSchemaVersion.ToString(CultureInfo.InvariantCulture) },
            [EventTable.StateMap.Deleted] = new() { BOOL = state is TodoState.Deleted },
        };
        switch (state)
        {
            case TodoState.Live live:
                map[EventTable.StateMap.Text] = new() { S = live.Text };
                map[EventTable.StateMap.Completed] = new() { BOOL = live.Completed };
                map[EventTable.StateMap.CreatedAt] = new() { S = Timestamp.ToText(live.CreatedAt) };
                break;
            case TodoState.Deleted:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(state), state, "No event leaves a todo in this state.");
        }
        return map;
    }

    /// <param name="owner">The item's owner: the state map itself does not repeat it.</param>
    private static TodoState DecodeState(IReadOnlyDictionary<string, AttributeValue> state, string? owner)
    {
        if (Flag(state, EventTable.StateMap.Deleted))
            return state.Count == 2 ? new TodoState.Deleted(owner) : throw new FormatException("The state of a deleted todo holds more than that.");
        if (state.Count != 5)
            throw new FormatException("The state of a live todo does not hold exactly text, completed and createdAt.");
        return new TodoState.Live(
            Text(state, EventTable.StateMap.Text),
            Flag(state, EventTable.StateMap.Completed),
            Timestamp.Parse(Text(state, EventTable.StateMap.CreatedAt)),
            owner);
    }

    private static T Read<T>(string data, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.Deserialize(data, typeInfo) ?? throw new FormatException("The event data is null.");

    private static TodoCreated ReadCreated(string data)
    {
        var created = Read(data, EventDataJsonContext.Default.CreatedData);
        return new TodoCreated(created.Text, Timestamp.Parse(created.CreatedAt), created.Owner);
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

    private static bool Flag(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        Attribute(item, name).BOOL ?? throw new FormatException($"The event item's '{name}' is not a boolean.");
}
