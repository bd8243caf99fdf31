using Todo.Lambda.Core;
namespace Todo.Lambda.APIGatewayEvents;

/// <summary>A function behind an API Gateway REST API proxy integration.</summary>
public abstract class APIGatewayProxyFunction : ILambdaFunction
{
    public async Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken cancellationToken)
    {
        var request = LambdaPayload.Read(payload, LambdaJsonContext.Default.APIGatewayProxyRequest);
        var response = await HandleAsync(request, context, cancellationToken);
        return LambdaPayload.Write(response, LambdaJsonContext.Default.APIGatewayProxyResponse);
    }

    public abstract Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken);
}
