using System.Text.Json.Serialization;

namespace Todo.Lambda.DynamoDBEvents;

/// <summary>
/// The partial-batch response: Lambda checkpoints at the lowest failed sequence number and
/// delivers every record from there again. An empty list means the whole batch succeeded.
/// </summary>
public sealed class StreamsEventResponse
{
    [JsonPropertyName("batchItemFailures")] public List<BatchItemFailure> BatchItemFailures { get; set; } = [];

    public sealed class BatchItemFailure
    {
        [JsonPropertyName("itemIdentifier")] public string? ItemIdentifier { get; set; }
    }
}
