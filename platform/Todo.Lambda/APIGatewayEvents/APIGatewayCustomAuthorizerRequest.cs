using System.Text.Json.Serialization;

namespace Todo.Lambda.APIGatewayEvents;

/// <summary>
/// What API Gateway sends a Lambda authorizer of type <c>REQUEST</c>: for a WebSocket API's <c>$connect</c>, the
/// handshake's headers and query string, the route's ARN as <c>methodArn</c>, and the connection's request context.
/// </summary>
public sealed class APIGatewayCustomAuthorizerRequest
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("methodArn")] public string? MethodArn { get; set; }
    [JsonPropertyName("headers")] public Dictionary<string, string?>? Headers { get; set; }
    [JsonPropertyName("multiValueHeaders")] public Dictionary<string, List<string?>?>? MultiValueHeaders { get; set; }
    [JsonPropertyName("queryStringParameters")] public Dictionary<string, string?>? QueryStringParameters { get; set; }
    [JsonPropertyName("stageVariables")] public Dictionary<string, string?>? StageVariables { get; set; }
    [JsonPropertyName("requestContext")] public APIGatewayProxyRequest.ProxyRequestContext? RequestContext { get; set; }

    /// <summary>A header's value, whatever the case of its name.</summary>
    public string? Header(string name) =>
        Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
