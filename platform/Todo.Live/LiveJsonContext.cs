using System.Text.Json.Serialization;

namespace Todo.Live;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ChangeMessage))]
public sealed partial class LiveJsonContext : JsonSerializerContext;
