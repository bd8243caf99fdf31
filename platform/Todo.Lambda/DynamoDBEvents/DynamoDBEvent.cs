using System.Numerics;
using System.Text.Json.Serialization;
using Amazon.DynamoDBv2.Model;

namespace Todo.Lambda.DynamoDBEvents;

/// <summary>
/// The event Lambda's DynamoDB Streams event source mapping invokes a function with. Type and member
/// names follow <c>Amazon.Lambda.DynamoDBEvents</c>; attribute values are the SDK's own <c>AttributeValue</c>.
/// </summary>
public sealed class DynamoDBEvent
{
    [JsonPropertyName("Records")] public List<DynamodbStreamRecord> Records { get; set; } = [];

    public sealed class DynamodbStreamRecord
    {
        [JsonPropertyName("eventID")] public string? EventID { get; set; }
        [JsonPropertyName("eventName")] public string? EventName { get; set; }
        [JsonPropertyName("eventVersion")] public string? EventVersion { get; set; }
        [JsonPropertyName("eventSource")] public string? EventSource { get; set; }
        [JsonPropertyName("awsRegion")] public string? AwsRegion { get; set; }
        [JsonPropertyName("eventSourceARN")] public string? EventSourceArn { get; set; }
        /// <summary>Present only on deletes made by DynamoDB's TTL.</summary>
        [JsonPropertyName("userIdentity")] public Identity? UserIdentity { get; set; }
        [JsonPropertyName("dynamodb")] public StreamRecord? Dynamodb { get; set; }
    }

    public sealed class Identity
    {
        [JsonPropertyName("type")] public string? Type { get; set; }
        [JsonPropertyName("principalId")] public string? PrincipalId { get; set; }
    }

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
}
