using System.Text.Json.Serialization;

namespace Todo.Store.Events;

// The stored schema of each event's data, kept apart from the domain types so that renaming a
// domain property can never change what is already in the table.

/// <summary>A todo of the shared list has no <c>owner</c>, as every todo created before there were users.</summary>
internal sealed record CreatedData(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("createdAt")] string CreatedAt,
    [property: JsonPropertyName("owner")] string? Owner = null);

/// <summary>Schema version 2; version 1 called the field <c>text</c> (see <see cref="EventUpcasters"/>).</summary>
internal sealed record TextChangedData([property: JsonPropertyName("newText")] string NewText);

internal sealed record EmptyData;

[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(CreatedData))]
[JsonSerializable(typeof(TextChangedData))]
[JsonSerializable(typeof(EmptyData))]
internal sealed partial class EventDataJsonContext : JsonSerializerContext;
