using System.Net;

namespace Todo.Live.ApiGatewayManagementApi;

/// <summary>429: the API's rate limit, or the client's WebSocket buffer is full.</summary>
public sealed class LimitExceededException(string message, string? requestId, HttpStatusCode statusCode)
    : AmazonApiGatewayManagementApiException(message, nameof(LimitExceededException), requestId, statusCode);
