using System.Text.Json.Serialization;

namespace Todo.Lambda.DynamoDBStreams;

/// <summary>The event Lambda's DynamoDB Streams event source mapping invokes a function with.</summary>
public sealed class DynamoDbStreamEvent
{
    [JsonPropertyName("Records")] public List<DynamoDbStreamRecord> Records { get; set; } = [];
}

public sealed class DynamoDbStreamRecord
{
    [JsonPropertyName("eventID")] public string? EventId { get; set; }
    [JsonPropertyName("eventName")] public string? EventName { get; set; }
    [JsonPropertyName("eventVersion")] public string? EventVersion { get; set; }
    [JsonPropertyName("eventSource")] public string? EventSource { get; set; }
    [JsonPropertyName("awsRegion")] public string? AwsRegion { get; set; }
    [JsonPropertyName("eventSourceARN")] public string? EventSourceArn { get; set; }
    /// <summary>Present only on deletes made by DynamoDB's TTL.</summary>
    [JsonPropertyName("userIdentity")] public StreamUserIdentity? UserIdentity { get; set; }
    [JsonPropertyName("dynamodb")] public StreamRecord? Dynamodb { get; set; }
}

public sealed class StreamUserIdentity
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("principalId")] public string? PrincipalId { get; set; }
}
