using System.Text.Json.Serialization;

namespace Todo.Lambda.APIGatewayEvents;

/// <summary>
/// An API Gateway REST API (payload 1.0) Lambda proxy integration event, and a WebSocket API's, which has the same shape
/// with the connection's fields in its <c>requestContext</c> (as Amazon.Lambda.APIGatewayEvents reads both with this type).
/// </summary>
public sealed class APIGatewayProxyRequest
{
    [JsonPropertyName("resource")] public string? Resource { get; set; }
    [JsonPropertyName("path")] public string? Path { get; set; }
    [JsonPropertyName("httpMethod")] public string? HttpMethod { get; set; }
    [JsonPropertyName("headers")] public Dictionary<string, string?>? Headers { get; set; }
    [JsonPropertyName("multiValueHeaders")] public Dictionary<string, List<string?>?>? MultiValueHeaders { get; set; }
    /// <summary>sam local generate-event leaves this a placeholder string, not a map: anything but an object reads as no parameters.</summary>
    [JsonPropertyName("queryStringParameters")]
    [JsonConverter(typeof(StringMapOrNothingConverter))]
    public Dictionary<string, string?>? QueryStringParameters { get; set; }
    [JsonPropertyName("multiValueQueryStringParameters")] public Dictionary<string, List<string?>?>? MultiValueQueryStringParameters { get; set; }
    [JsonPropertyName("pathParameters")] public Dictionary<string, string?>? PathParameters { get; set; }
    [JsonPropertyName("stageVariables")] public Dictionary<string, string?>? StageVariables { get; set; }
    [JsonPropertyName("requestContext")] public ProxyRequestContext? RequestContext { get; set; }
    [JsonPropertyName("body")] public string? Body { get; set; }
    [JsonPropertyName("isBase64Encoded")] public bool IsBase64Encoded { get; set; }

    /// <summary>A header's value, whatever the case of its name; API Gateway keeps the last of repeated values.</summary>
    public string? Header(string name)
    {
        if (Headers is null)
            return null;
        foreach (var (key, value) in Headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                return value;
        }
        return null;
    }

    public string? PathParameter(string name) => PathParameters?.GetValueOrDefault(name);

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
        /// <summary>A WebSocket API's connection, the same on every route of it.</summary>
        [JsonPropertyName("connectionId")] public string? ConnectionId { get; set; }
        /// <summary>A WebSocket API's route: <c>$connect</c>, <c>$disconnect</c> or what the route selection expression chose.</summary>
        [JsonPropertyName("routeKey")] public string? RouteKey { get; set; }
        /// <summary>A WebSocket API's <c>CONNECT</c>, <c>MESSAGE</c> or <c>DISCONNECT</c>.</summary>
        [JsonPropertyName("eventType")] public string? EventType { get; set; }
        [JsonPropertyName("messageId")] public string? MessageId { get; set; }
        [JsonPropertyName("messageDirection")] public string? MessageDirection { get; set; }
        /// <summary>Epoch milliseconds at which the WebSocket connection was made.</summary>
        [JsonPropertyName("connectedAt")] public long? ConnectedAt { get; set; }
        /// <summary>On a WebSocket API's <c>$disconnect</c>: the close code and reason.</summary>
        [JsonPropertyName("disconnectStatusCode")] public int? DisconnectStatusCode { get; set; }
        [JsonPropertyName("disconnectReason")] public string? DisconnectReason { get; set; }
        /// <summary>
        /// What the API's authorizer passed on: the caller's claims behind a Cognito user pool, a Lambda authorizer's
        /// principal and context (on every route of a WebSocket connection); absent on an open route.
        /// </summary>
        [JsonPropertyName("authorizer")] public APIGatewayCustomAuthorizerContext? Authorizer { get; set; }
    }

    public sealed class RequestIdentity
    {
        [JsonPropertyName("sourceIp")] public string? SourceIp { get; set; }
        [JsonPropertyName("userAgent")] public string? UserAgent { get; set; }
    }
}
