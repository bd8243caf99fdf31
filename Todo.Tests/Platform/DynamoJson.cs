using System.Text;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;

namespace Todo.Tests.Platform;

/// <summary>
/// An independent, canonical text of DynamoDB values (compact JSON, map keys sorted) for comparing what
/// the product reads with what a fixture says; it fails on an AttributeValue that holds more or less than one value.
/// </summary>
public static class DynamoJson
{
    public static string Of(AttributeValue value) => Write(writer => WriteValue(writer, value));

    public static string Of(IReadOnlyDictionary<string, AttributeValue>? image) =>
        image is null ? "null" : Write(writer => WriteImage(writer, image));

    /// <summary>The same JSON with object keys sorted and no whitespace, so two texts compare by content.</summary>
    public static string Canonical(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Canonical(document.RootElement);
    }

    public static string Canonical(JsonElement element) => Write(writer => WriteSorted(writer, element));

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
            write(writer);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteImage(Utf8JsonWriter writer, IReadOnlyDictionary<string, AttributeValue> image)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in image.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, AttributeValue value)
    {
        var set = new List<string>();
        if (value.S is not null) set.Add("S");
        if (value.N is not null) set.Add("N");
        if (value.B is not null) set.Add("B");
        if (value.BOOL is not null) set.Add("BOOL");
        if (value.NULL is not null) set.Add("NULL");
        if (value.M is not null) set.Add("M");
        if (value.L is not null) set.Add("L");
        if (value.SS is not null) set.Add("SS");
        if (value.NS is not null) set.Add("NS");
        if (value.BS is not null) set.Add("BS");
        if (set.Count != 1)
            throw new InvalidOperationException($"An AttributeValue must hold exactly one value; this one holds [{string.Join(", ", set)}].");

        writer.WriteStartObject();
        switch (set[0])
        {
            case "S": writer.WriteString("S", value.S); break;
            case "N": writer.WriteString("N", value.N); break;
            case "B": writer.WriteString("B", Convert.ToBase64String(value.B!.ToArray())); break;
            case "BOOL": writer.WriteBoolean("BOOL", value.BOOL!.Value); break;
            case "NULL": writer.WriteBoolean("NULL", value.NULL!.Value); break;
            case "M":
                writer.WritePropertyName("M");
                WriteImage(writer, value.M!);
                break;
            case "L":
                writer.WriteStartArray("L");
                foreach (var item in value.L!)
                    WriteValue(writer, item);
                writer.WriteEndArray();
                break;
            case "SS": Strings(writer, "SS", value.SS!); break;
            case "NS": Strings(writer, "NS", value.NS!); break;
            case "BS": Strings(writer, "BS", value.BS!.Select(b => Convert.ToBase64String(b.ToArray()))); break;
        }
        writer.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
            writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    private static void WriteSorted(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    WriteSorted(writer, property.Value);
                }
                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                    WriteSorted(writer, item);
                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
