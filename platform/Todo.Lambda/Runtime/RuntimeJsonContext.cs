using System.Text.Json.Serialization;

namespace Todo.Lambda.Runtime;

[JsonSerializable(typeof(ErrorReport))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
