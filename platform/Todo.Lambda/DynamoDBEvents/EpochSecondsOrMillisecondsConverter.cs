using System.Text.Json;
using System.Text.Json.Serialization;

namespace Todo.Lambda.DynamoDBEvents;

/// <summary>
/// <c>ApproximateCreationDateTime</c> is epoch seconds, but some producers send milliseconds; like
/// AWS's .NET converter, a value too large to be seconds of this era is read as milliseconds.
/// </summary>
public sealed class EpochSecondsOrMillisecondsConverter : JsonConverter<DateTimeOffset?>
{
    private const double LargestSeconds = 1.58e11;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
            return null;
        var value = reader.GetDouble();
        var milliseconds = value > LargestSeconds ? value : value * 1000;
        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(milliseconds));
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } time)
            writer.WriteNumberValue(time.ToUnixTimeSeconds());
        else
            writer.WriteNullValue();
    }
}
