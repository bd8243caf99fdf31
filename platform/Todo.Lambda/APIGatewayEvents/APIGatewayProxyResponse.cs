using System.Text.Json.Serialization;

namespace Todo.Lambda.APIGatewayEvents;

/// <summary>What a REST API proxy integration returns; API Gateway answers 502 to anything else.</summary>
public sealed class APIGatewayProxyResponse
{
    [JsonPropertyName("statusCode")] public int StatusCode { get; set; }
    [JsonPropertyName("headers")] public Dictionary<string, string>? Headers { get; set; }
    [JsonPropertyName("multiValueHeaders")] public Dictionary<string, List<string>>? MultiValueHeaders { get; set; }
    [JsonPropertyName("body")] public string? Body { get; set; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; set; }
}
