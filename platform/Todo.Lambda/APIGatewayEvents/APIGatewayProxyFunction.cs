using Todo.Lambda.Core;
using Todo.Lambda.Observability;
using Todo.Lambda.Observability.Logging;
using Todo.Lambda.Observability.Metrics;
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
            APIGatewayProxyResponse response;
            try
            {
                response = await HandleAsync(request, context, cancellationToken);
            }
            catch (Exception e) when (TransientFault.Is(e) && !cancellationToken.IsCancellationRequested)
            {
                Telemetry.Logger.Warn("The store was throttled or unreachable after the SDK's retries; answered 503",
                    new LogKey("error_type", e.GetType().Name), new LogKey("error", e.Message));
                Telemetry.Metrics.Add(UnavailableMetric, MetricUnit.Count, 1);
                response = Unavailable();
            }
            scope.Span?.SetTag(XRayTags.HttpStatus, response.StatusCode);
            return LambdaPayload.Write(response, LambdaJsonContext.Default.APIGatewayProxyResponse);
        });

    public abstract Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken);

    /// <summary>The metric of requests answered <see cref="Unavailable"/>, which the template alarms on.</summary>
    public const string UnavailableMetric = "Unavailable";

    /// <summary>The answer to a request the store could not serve for a while (a <see cref="TransientFault"/>): a 503 to retry.</summary>
    protected abstract APIGatewayProxyResponse Unavailable();
}
