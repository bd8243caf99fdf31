using System.Text.Json.Serialization;

namespace Todo.Http;

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TodoItem))]
[JsonSerializable(typeof(List<TodoItem>))]
[JsonSerializable(typeof(MessageBody))]
[JsonSerializable(typeof(HistoryEvent))]
[JsonSerializable(typeof(List<HistoryEvent>))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
