using System.Text.Json.Serialization;
using Todo.Http;

namespace Todo.Live;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TodoChange))]
public sealed partial class LiveJsonContext : JsonSerializerContext;
