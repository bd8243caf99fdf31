using System.Text.Json.Serialization;

namespace Todo.Lambda.APIGatewayEvents;

/// <summary>
/// <c>requestContext.authorizer</c> of a REST API proxy event. Behind a Cognito user-pool authorizer it
/// holds the ID token's <c>claims</c>, every value a string as API Gateway renders it (<c>"true"</c>,
/// <c>"1764640000"</c>, <c>exp</c> and <c>iat</c> as <c>Wed Dec 02 01:23:45 UTC 2026</c>).
/// </summary>
public sealed class APIGatewayCustomAuthorizerContext
{
    [JsonPropertyName("claims")] public Dictionary<string, string>? Claims { get; set; }
}
