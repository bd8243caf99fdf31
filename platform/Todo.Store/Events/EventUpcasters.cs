using System.Text.Json;
using System.Text.Json.Nodes;
using Todo.Domain.Events;

namespace Todo.Store.Events;

/// <summary>
/// The one place where event data written under an older schema becomes the current shape. Each step
/// turns one schema version of one event type into the next; <see cref="Upcast"/> runs the chain from
/// an item's version to the type's current one before the data is decoded, so <c>Evolve</c> and the
/// projection only ever see current events. Stored items are never rewritten: the table keeps what the
/// code of its day wrote.
/// </summary>
public static class EventUpcasters
{
    private static readonly Dictionary<(string Type, long From), Func<JsonObject, JsonObject>> Steps = new()
    {
        // Version 2 names the field for what it holds, the text after the change, apart from a creation's text.
        [(nameof(TodoTextChanged), 1)] = data => Rename(data, "text", "newText"),
    };

    /// <summary>The schema version the code writes an event type in: one past the last step that upcasts it.</summary>
    public static long Current(string type)
    {
        long version = 1;
        while (Steps.ContainsKey((type, version)))
            version++;
        return version;
    }

    /// <summary>The data of an event stored at <paramref name="schemaVersion"/>, in the current schema of its type.</summary>
    /// <exception cref="FormatException">The version is not one this code knows for the type.</exception>
    /// <exception cref="JsonException">Data to upcast that is not a JSON object.</exception>
    public static string Upcast(string type, long schemaVersion, string data)
    {
        var current = Current(type);
        if (schemaVersion < 1 || schemaVersion > current)
            throw new FormatException($"Event schema version {schemaVersion} is not supported.");
        if (schemaVersion == current)
            return data;
        var node = JsonNode.Parse(data) as JsonObject ?? throw new JsonException("The event data is not a JSON object.");
        for (var version = schemaVersion; version < current; version++)
            node = Steps[(type, version)](node);
        return node.ToJsonString();
    }

    /// <summary>A field under a new name; data without the field is left as it is, for the decoder to refuse.</summary>
    /// <exception cref="JsonException">The data already holds the new name, which its version never had.</exception>
    private static JsonObject Rename(JsonObject data, string from, string to)
    {
        if (data.ContainsKey(to))
            throw new JsonException($"The data holds '{to}', which its schema version does not have.");
        if (data.TryGetPropertyValue(from, out var value))
        {
            data.Remove(from);
            data[to] = value;
        }
        return data;
    }
}
