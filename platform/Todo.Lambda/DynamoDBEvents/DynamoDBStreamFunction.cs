using Todo.Lambda.Core;
using Todo.Lambda.Observability;

namespace Todo.Lambda.DynamoDBEvents;

/// <summary>A function invoked by a DynamoDB Streams event source mapping with ReportBatchItemFailures.</summary>
public abstract class DynamoDBStreamFunction(FunctionTelemetry telemetry) : ILambdaFunction
{
    protected FunctionTelemetry Telemetry { get; } = telemetry;

    public Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken cancellationToken) =>
        Telemetry.InvokeAsync(context, async _ =>
        {
            var streamEvent = LambdaPayload.Read(payload, LambdaJsonContext.Default.DynamoDBEvent);
            var response = await HandleAsync(streamEvent, context, cancellationToken);
            return LambdaPayload.Write(response, LambdaJsonContext.Default.StreamsEventResponse);
        });

    public abstract Task<StreamsEventResponse> HandleAsync(DynamoDBEvent streamEvent, ILambdaContext context, CancellationToken cancellationToken);
}
