using System.Text.Json.Serialization;

namespace Todo.Lambda.APIGatewayEvents;

/// <summary>The IAM policy of a Lambda authorizer's answer: <c>execute-api:Invoke</c> allowed or denied on the route's ARN.</summary>
public sealed class APIGatewayCustomAuthorizerPolicy
{
    [JsonPropertyName("Version")] public string Version { get; set; } = "2012-10-17";
    [JsonPropertyName("Statement")] public List<IAMPolicyStatement> Statement { get; set; } = [];

    public sealed class IAMPolicyStatement
    {
        [JsonPropertyName("Effect")] public string? Effect { get; set; }
        [JsonPropertyName("Action")] public List<string> Action { get; set; } = [];
        [JsonPropertyName("Resource")] public List<string> Resource { get; set; } = [];
    }
}
