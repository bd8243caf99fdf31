using System.Net;
using Amazon.Runtime;

namespace Todo.Live.ApiGatewayManagementApi;

/// <summary>
/// An error the management API answered, as the SDK's base exception for the service: its error code (the
/// <c>x-amzn-ErrorType</c> header's), request id and status. The errors it names have their own types.
/// </summary>
public class AmazonApiGatewayManagementApiException(string message, string? errorCode, string? requestId, HttpStatusCode statusCode)
    : AmazonServiceException(message, (int)statusCode >= 500 ? ErrorType.Receiver : ErrorType.Sender, errorCode, requestId, statusCode);
