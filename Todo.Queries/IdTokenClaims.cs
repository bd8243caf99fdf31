using System.Text.Json.Serialization;

namespace Todo.Queries;

/// <summary>The claims of a Cognito ID token the authorizer checks (Cognito's <c>aud</c> is one client id, a string).</summary>
public sealed record IdTokenClaims(
    [property: JsonPropertyName("iss")] string? Issuer,
    [property: JsonPropertyName("sub")] string? Subject,
    [property: JsonPropertyName("aud")] string? Audience,
    [property: JsonPropertyName("token_use")] string? TokenUse,
    [property: JsonPropertyName("exp")] long? Expires);
