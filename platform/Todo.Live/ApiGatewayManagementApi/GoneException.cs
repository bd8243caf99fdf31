using System.Net;

namespace Todo.Live.ApiGatewayManagementApi;

/// <summary>410: the connection with the given id no longer exists (the client left, or API Gateway closed it).</summary>
public sealed class GoneException(string message, string? requestId, HttpStatusCode statusCode)
    : AmazonApiGatewayManagementApiException(message, nameof(GoneException), requestId, statusCode);
