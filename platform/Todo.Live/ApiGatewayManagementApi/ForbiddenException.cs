using System.Net;

namespace Todo.Live.ApiGatewayManagementApi;

/// <summary>403: the caller may not manage the API's connections (its signature or policy).</summary>
public sealed class ForbiddenException(string message, string? requestId, HttpStatusCode statusCode)
    : AmazonApiGatewayManagementApiException(message, nameof(ForbiddenException), requestId, statusCode);
