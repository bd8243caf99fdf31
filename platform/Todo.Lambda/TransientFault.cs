using System.Net;
using System.Net.Sockets;
using Amazon.Runtime;

namespace Todo.Lambda;

/// <summary>
/// Failures that are the service's state, not the request's: DynamoDB throttling or a 5xx, or no connection,
/// still so after the SDK's own retries. The client may retry them; they are faults, never bugs.
/// </summary>
public static class TransientFault
{
    private static readonly HashSet<string> Throttling =
        ["ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded", "LimitExceededException"];

    public static bool Is(Exception exception) => exception switch
    {
        AmazonServiceException service => service.StatusCode >= HttpStatusCode.InternalServerError || Throttling.Contains(service.ErrorCode ?? ""),
        HttpRequestException or SocketException or IOException => true,
        _ => exception.InnerException is { } inner && Is(inner),
    };
}
