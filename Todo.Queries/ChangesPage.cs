using System.Text.Json.Serialization;
using Todo.Http;

namespace Todo.Queries;

/// <summary>The feed's answer: the changes after the token, oldest first, and the token to ask again with.</summary>
public sealed record ChangesPage(
    [property: JsonPropertyName("changes")] List<TodoChange> Changes,
    [property: JsonPropertyName("next")] string Next);
