using Amazon.SQS;
using Amazon.SQS.Model;

namespace Todo.Operator.Target;

/// <summary>
/// The queue the stream mapping sends what it gave up on (template.yaml's ProjectionFailures): each message
/// names a shard and a range of sequence numbers whose records the projection never applied.
/// </summary>
public sealed class FailureQueue(IAmazonSQS sqs, string queueUrl) : IDisposable
{
    public string Url => queueUrl;

    /// <summary>SQS's approximate counts: messages waiting, and those a consumer has received but not yet deleted.</summary>
    public async Task<FailureQueueDepth> DepthAsync(CancellationToken cancellationToken)
    {
        var response = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = queueUrl,
            AttributeNames = [QueueAttributeName.ApproximateNumberOfMessages, QueueAttributeName.ApproximateNumberOfMessagesNotVisible],
        }, cancellationToken);
        return new FailureQueueDepth(response.ApproximateNumberOfMessages, response.ApproximateNumberOfMessagesNotVisible);
    }

    public void Dispose() => sqs.Dispose();
}

public sealed record FailureQueueDepth(int Waiting, int InFlight);
