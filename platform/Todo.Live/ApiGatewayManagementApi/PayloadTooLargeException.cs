using System.Net;

namespace Todo.Live.ApiGatewayManagementApi;

/// <summary>413: the data is larger than API Gateway sends (128 KB).</summary>
public sealed class PayloadTooLargeException(string message, string? requestId, HttpStatusCode statusCode)
    : AmazonApiGatewayManagementApiException(message, nameof(PayloadTooLargeException), requestId, statusCode);
