using System.Numerics;
using System.Text.Json.Serialization;
using Amazon.DynamoDBv2.Model;

namespace Todo.Lambda.DynamoDBStreams;

/// <summary>The <c>dynamodb</c> part of a stream record; its field names are PascalCase on the wire.</summary>
public sealed class StreamRecord
{
    [JsonPropertyName("ApproximateCreationDateTime")]
    [JsonConverter(typeof(EpochSecondsOrMillisecondsConverter))]
    public DateTimeOffset? ApproximateCreationDateTime { get; set; }

    [JsonPropertyName("Keys")] public Dictionary<string, AttributeValue>? Keys { get; set; }
    [JsonPropertyName("NewImage")] public Dictionary<string, AttributeValue>? NewImage { get; set; }
    [JsonPropertyName("OldImage")] public Dictionary<string, AttributeValue>? OldImage { get; set; }
    [JsonPropertyName("SequenceNumber")] public string? SequenceNumber { get; set; }
    [JsonPropertyName("SizeBytes")] public long SizeBytes { get; set; }
    [JsonPropertyName("StreamViewType")] public string? StreamViewType { get; set; }

    /// <summary>Sequence numbers are decimal strings of up to 40 digits: they order as numbers, not as text.</summary>
    public BigInteger SequenceNumberValue => BigInteger.Parse(SequenceNumber ?? throw new InvalidOperationException("The record has no SequenceNumber."));
}
