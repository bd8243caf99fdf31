namespace Todo.Lambda.ApiGateway;

/// <summary>A function behind an API Gateway REST API proxy integration.</summary>
public abstract class ApiGatewayFunction : ILambdaFunction
{
    public async Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, LambdaContext context, CancellationToken cancellationToken)
    {
        var request = LambdaPayload.Read(payload, LambdaJsonContext.Default.ApiGatewayProxyRequest);
        var response = await HandleAsync(request, context, cancellationToken);
        return LambdaPayload.Write(response, LambdaJsonContext.Default.ApiGatewayProxyResponse);
    }

    public abstract Task<ApiGatewayProxyResponse> HandleAsync(ApiGatewayProxyRequest request, LambdaContext context, CancellationToken cancellationToken);
}
