using Todo.Lambda.Core;
using Todo.Lambda.Observability;
using Todo.Lambda.Observability.Tracing;

namespace Todo.Lambda.APIGatewayEvents;

/// <summary>A function behind an API Gateway REST API proxy integration; API Gateway's request id is its correlation id.</summary>
public abstract class APIGatewayProxyFunction(FunctionTelemetry telemetry) : ILambdaFunction
{
    protected FunctionTelemetry Telemetry { get; } = telemetry;

    public Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken cancellationToken) =>
        Telemetry.InvokeAsync(context, async scope =>
        {
            var request = LambdaPayload.Read(payload, LambdaJsonContext.Default.APIGatewayProxyRequest);
            scope.CorrelationId = request.RequestContext?.RequestId;
            var response = await HandleAsync(request, context, cancellationToken);
            scope.Span?.SetTag(XRayTags.HttpStatus, response.StatusCode);
            return LambdaPayload.Write(response, LambdaJsonContext.Default.APIGatewayProxyResponse);
        });

    public abstract Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken);
}
