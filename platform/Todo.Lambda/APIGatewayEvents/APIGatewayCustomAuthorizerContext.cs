using System.Text.Json;
using System.Text.Json.Serialization;

namespace Todo.Lambda.APIGatewayEvents;

/// <summary>
/// <c>requestContext.authorizer</c> of a proxy event. Behind a Cognito user-pool authorizer it holds the ID token's
/// <c>claims</c>, every value a string as API Gateway renders it (<c>"true"</c>, <c>"1764640000"</c>, <c>exp</c> and
/// <c>iat</c> as <c>Wed Dec 02 01:23:45 UTC 2026</c>). Behind a Lambda authorizer it holds the <c>principalId</c> and
/// each key of the context the authorizer answered, at the top level beside it.
/// </summary>
public sealed class APIGatewayCustomAuthorizerContext
{
    [JsonPropertyName("claims")] public Dictionary<string, string>? Claims { get; set; }

    [JsonPropertyName("principalId")] public string? PrincipalId { get; set; }

    /// <summary>The Lambda authorizer's context (and API Gateway's own <c>integrationLatency</c>).</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Context { get; set; }

    /// <summary>A context value the authorizer answered as a string; null when absent or of another kind.</summary>
    public string? ContextText(string key) =>
        Context?.GetValueOrDefault(key) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;
}
