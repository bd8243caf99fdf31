using System.Text.Json.Serialization;

namespace Todo.Adapters.Api;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TodoItem))]
[JsonSerializable(typeof(List<TodoItem>))]
[JsonSerializable(typeof(MessageBody))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
