using System.Text.Json.Serialization;

namespace Todo.Http;

/// <summary>The body of every non-item answer: a message, and for a rejected request what was wrong with which field.</summary>
public sealed record MessageBody(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("errors")] IReadOnlyDictionary<string, string>? Errors = null);
