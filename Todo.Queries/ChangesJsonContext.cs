using System.Text.Json.Serialization;
using Todo.Http;

namespace Todo.Queries;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TodoChange))]
[JsonSerializable(typeof(ChangesPage))]
public sealed partial class ChangesJsonContext : JsonSerializerContext;
