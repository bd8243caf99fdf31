using Todo.Lambda.Core;
using Todo.Http;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.Observability;

namespace Todo.Queries;

/// <summary><c>GET /api/openapi.json</c>: the API's OpenAPI 3.1 description (docs/openapi.json, built into the function).</summary>
public sealed class GetOpenApiFunction(ApiResponses responses, FunctionTelemetry telemetry) : APIGatewayProxyFunction(telemetry)
{
    public const string ResourceName = "openapi.json";

    private static readonly Lazy<string> Document = new(() =>
    {
        using var stream = typeof(GetOpenApiFunction).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The {ResourceName} resource is missing from {typeof(GetOpenApiFunction).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public override Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken) =>
        Task.FromResult(responses.Document(Document.Value));

    protected override APIGatewayProxyResponse Unavailable() => responses.Unavailable();
}
