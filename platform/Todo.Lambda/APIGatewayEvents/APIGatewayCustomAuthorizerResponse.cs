using System.Text.Json.Serialization;

namespace Todo.Lambda.APIGatewayEvents;

/// <summary>
/// A Lambda authorizer's answer: the caller's principal, an IAM policy allowing or denying the route's ARN, and a
/// context of strings, numbers or booleans that API Gateway passes to the route's integration in
/// <c>requestContext.authorizer</c> (on a WebSocket API, on every route of the connection).
/// </summary>
public sealed class APIGatewayCustomAuthorizerResponse
{
    [JsonPropertyName("principalId")] public string? PrincipalID { get; set; }
    [JsonPropertyName("policyDocument")] public APIGatewayCustomAuthorizerPolicy? PolicyDocument { get; set; }
    [JsonPropertyName("context")] public Dictionary<string, string>? Context { get; set; }
}
