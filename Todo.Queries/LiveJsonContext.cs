using System.Text.Json.Serialization;

namespace Todo.Queries;

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false)]
[JsonSerializable(typeof(TokenHeader))]
[JsonSerializable(typeof(IdTokenClaims))]
[JsonSerializable(typeof(SigningKeySet))]
internal sealed partial class LiveJsonContext : JsonSerializerContext;
