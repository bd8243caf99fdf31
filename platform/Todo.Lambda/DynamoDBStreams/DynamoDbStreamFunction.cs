namespace Todo.Lambda.DynamoDBStreams;

/// <summary>A function invoked by a DynamoDB Streams event source mapping with ReportBatchItemFailures.</summary>
public abstract class DynamoDbStreamFunction : ILambdaFunction
{
    public async Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, LambdaContext context, CancellationToken cancellationToken)
    {
        var streamEvent = LambdaPayload.Read(payload, LambdaJsonContext.Default.DynamoDbStreamEvent);
        var response = await HandleAsync(streamEvent, context, cancellationToken);
        return LambdaPayload.Write(response, LambdaJsonContext.Default.StreamsEventResponse);
    }

    public abstract Task<StreamsEventResponse> HandleAsync(DynamoDbStreamEvent streamEvent, LambdaContext context, CancellationToken cancellationToken);
}
