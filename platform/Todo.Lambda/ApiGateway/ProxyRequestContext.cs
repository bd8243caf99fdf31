using System.Text.Json.Serialization;

namespace Todo.Lambda.ApiGateway;

/// <summary>The <c>requestContext</c> of a REST API proxy event: the fields this project reads or the local host fills in.</summary>
public sealed class ProxyRequestContext
{
    [JsonPropertyName("accountId")] public string? AccountId { get; set; }
    [JsonPropertyName("apiId")] public string? ApiId { get; set; }
    [JsonPropertyName("resourceId")] public string? ResourceId { get; set; }
    [JsonPropertyName("resourcePath")] public string? ResourcePath { get; set; }
    [JsonPropertyName("httpMethod")] public string? HttpMethod { get; set; }
    [JsonPropertyName("path")] public string? Path { get; set; }
    [JsonPropertyName("stage")] public string? Stage { get; set; }
    [JsonPropertyName("requestId")] public string? RequestId { get; set; }
    [JsonPropertyName("extendedRequestId")] public string? ExtendedRequestId { get; set; }
    [JsonPropertyName("requestTime")] public string? RequestTime { get; set; }
    [JsonPropertyName("requestTimeEpoch")] public long RequestTimeEpoch { get; set; }
    [JsonPropertyName("domainName")] public string? DomainName { get; set; }
    [JsonPropertyName("domainPrefix")] public string? DomainPrefix { get; set; }
    [JsonPropertyName("protocol")] public string? Protocol { get; set; }
    [JsonPropertyName("identity")] public RequestIdentity? Identity { get; set; }
}

public sealed class RequestIdentity
{
    [JsonPropertyName("sourceIp")] public string? SourceIp { get; set; }
    [JsonPropertyName("userAgent")] public string? UserAgent { get; set; }
}
