using System.Text.Json;
using System.Text.Json.Serialization;

namespace Todo.Lambda.APIGatewayEvents;

/// <summary>A map of strings, where a value that is not a JSON object (such as a template placeholder) reads as absent.</summary>
public sealed class StringMapOrNothingConverter : JsonConverter<Dictionary<string, string?>>
{
    public override Dictionary<string, string?>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }
        var map = new Dictionary<string, string?>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            map[name] = reader.TokenType == JsonTokenType.Null ? null : reader.GetString();
        }
        return map;
    }

    public override void Write(Utf8JsonWriter writer, Dictionary<string, string?> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, item) in value)
            writer.WriteString(name, item);
        writer.WriteEndObject();
    }
}
