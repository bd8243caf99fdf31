using System.Text.Json.Serialization;

namespace Todo.LocalStack;

/// <summary>Where users sign in: the user pool API's endpoint, the pool and its app client.</summary>
public sealed record CognitoEndpoint(
    [property: JsonPropertyName("endpoint")] string Endpoint,
    [property: JsonPropertyName("userPoolId")] string UserPoolId,
    [property: JsonPropertyName("clientId")] string ClientId);
