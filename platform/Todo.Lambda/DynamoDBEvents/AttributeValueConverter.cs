using System.Text.Json;
using System.Text.Json.Serialization;
using Amazon.DynamoDBv2.Model;

namespace Todo.Lambda.DynamoDBEvents;

/// <summary>DynamoDB's AttributeValue JSON: one key per value (S, N, B, BOOL, NULL, M, L, SS, NS, BS).</summary>
public sealed class AttributeValueConverter : JsonConverter<AttributeValue>
{
    public override AttributeValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        reader.Read();
        Expect(ref reader, JsonTokenType.PropertyName);
        var type = reader.GetString();
        reader.Read();
        var value = type switch
        {
            "S" => new AttributeValue { S = reader.GetString() },
            "N" => new AttributeValue { N = reader.GetString() },
            "B" => new AttributeValue { B = new MemoryStream(reader.GetBytesFromBase64()) },
            "BOOL" => new AttributeValue { BOOL = reader.GetBoolean() },
            "NULL" => new AttributeValue { NULL = reader.GetBoolean() },
            "M" => new AttributeValue { M = ReadMap(ref reader, options) },
            "L" => new AttributeValue { L = ReadList(ref reader, options) },
            "SS" => new AttributeValue { SS = ReadStrings(ref reader) },
            "NS" => new AttributeValue { NS = ReadStrings(ref reader) },
            "BS" => new AttributeValue { BS = ReadStrings(ref reader).Select(FromBase64).ToList() },
            _ => throw new JsonException($"Unknown AttributeValue type '{type}'."),
        };
        reader.Read();
        Expect(ref reader, JsonTokenType.EndObject);
        return value;
    }

    public override void Write(Utf8JsonWriter writer, AttributeValue value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.S is not null) writer.WriteString("S", value.S);
        else if (value.N is not null) writer.WriteString("N", value.N);
        else if (value.B is not null) writer.WriteBase64String("B", value.B.ToArray());
        else if (value.BOOL is { } flag) writer.WriteBoolean("BOOL", flag);
        else if (value.NULL is { } isNull) writer.WriteBoolean("NULL", isNull);
        else if (value.M is not null) { writer.WritePropertyName("M"); WriteMap(writer, value.M, options); }
        else if (value.L is not null) { writer.WriteStartArray("L"); foreach (var item in value.L) Write(writer, item, options); writer.WriteEndArray(); }
        else if (value.SS is not null) WriteStrings(writer, "SS", value.SS);
        else if (value.NS is not null) WriteStrings(writer, "NS", value.NS);
        else if (value.BS is not null) WriteStrings(writer, "BS", value.BS.Select(b => Convert.ToBase64String(b.ToArray())));
        else throw new JsonException("The AttributeValue holds no value.");
        writer.WriteEndObject();
    }

    private Dictionary<string, AttributeValue> ReadMap(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartObject);
        var map = new Dictionary<string, AttributeValue>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            map[name] = Read(ref reader, typeof(AttributeValue), options);
        }
        Expect(ref reader, JsonTokenType.EndObject);
        return map;
    }

    private List<AttributeValue> ReadList(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var list = new List<AttributeValue>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            list.Add(Read(ref reader, typeof(AttributeValue), options));
        return list;
    }

    private static List<string> ReadStrings(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray);
        var list = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            list.Add(reader.GetString() ?? throw new JsonException("A set holds a null."));
        return list;
    }

    private void WriteMap(Utf8JsonWriter writer, Dictionary<string, AttributeValue> map, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, item) in map)
        {
            writer.WritePropertyName(name);
            Write(writer, item, options);
        }
        writer.WriteEndObject();
    }

    private static void WriteStrings(Utf8JsonWriter writer, string type, IEnumerable<string> values)
    {
        writer.WriteStartArray(type);
        foreach (var value in values)
            writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    private static MemoryStream FromBase64(string text)
    {
        try
        {
            return new MemoryStream(Convert.FromBase64String(text));
        }
        catch (FormatException e)
        {
            throw new JsonException("A BS value is not base64.", e);
        }
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        if (reader.TokenType != expected)
            throw new JsonException($"Expected {expected} in an AttributeValue, found {reader.TokenType}.");
    }
}
