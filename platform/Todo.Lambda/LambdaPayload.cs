using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Todo.Lambda;

/// <summary>Reads and writes invocation payloads with source-generated JSON metadata.</summary>
public static class LambdaPayload
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>AWS's own sample events start with a byte-order mark, so a reader must accept one.</summary>
    public static T Read<T>(ReadOnlyMemory<byte> payload, JsonTypeInfo<T> typeInfo)
    {
        var json = payload.Span.StartsWith(Utf8Bom) ? payload.Span[Utf8Bom.Length..] : payload.Span;
        return JsonSerializer.Deserialize(json, typeInfo)
            ?? throw new JsonException($"The payload is null, not a {typeof(T).Name}.");
    }

    public static byte[] Write<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.SerializeToUtf8Bytes(value, typeInfo);

    public static string Text<T>(T value, JsonTypeInfo<T> typeInfo) => JsonSerializer.Serialize(value, typeInfo);
}
