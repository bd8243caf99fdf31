using System.Text.Json.Serialization;

namespace Todo.Queries;

/// <summary>A JWT's header: its signing algorithm and the id of the key it was signed with.</summary>
public sealed record TokenHeader([property: JsonPropertyName("alg")] string? Algorithm, [property: JsonPropertyName("kid")] string? KeyId);
