using System.Text.Json.Serialization;

namespace Todo.Adapters.Events;

// The stored schema of each event's data, kept apart from the domain types so that renaming a
// domain property can never change what is already in the table.

internal sealed record CreatedData(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("createdAt")] string CreatedAt);

/// <summary>Schema version 2; version 1 called the field <c>text</c> (see <see cref="EventUpcasters"/>).</summary>
internal sealed record TextChangedData([property: JsonPropertyName("newText")] string NewText);

internal sealed record EmptyData;

[JsonSourceGenerationOptions(
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CreatedData))]
[JsonSerializable(typeof(TextChangedData))]
[JsonSerializable(typeof(EmptyData))]
internal sealed partial class EventDataJsonContext : JsonSerializerContext;
