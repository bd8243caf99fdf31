using Todo.Lambda.APIGatewayEvents;

namespace Todo.Queries;

/// <summary>
/// The live channel's handshake: a browser cannot set headers on a WebSocket, so it offers the protocols
/// <c>["todo.v1", idToken]</c> in sign-in mode (<c>["todo.v1"]</c> in the open mode), which arrive as one
/// <c>Sec-WebSocket-Protocol</c> header; the server selects <see cref="Name"/>. The authorizer passes the caller's list
/// and user id on in its context, which API Gateway gives every route of the connection.
/// </summary>
public static class LiveProtocol
{
    public const string Name = "todo.v1";
    public const string Header = "Sec-WebSocket-Protocol";

    /// <summary>The authorizer context's keys.</summary>
    public const string ListIdKey = "listId";
    public const string UserIdKey = "userId";

    public static IReadOnlyList<string> Offered(string? header) =>
        header?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) ?? [];

    /// <summary>The one protocol offered beside <see cref="Name"/>: the ID token; null when there is not exactly one.</summary>
    public static string? Token(string? header) =>
        Offered(header).Where(p => p != Name).ToList() is [var token] ? token : null;

    /// <summary>The signed-in user the authorizer let through, by the UUID Cognito gives every user; null otherwise.</summary>
    public static string? User(APIGatewayProxyRequest request) =>
        request.RequestContext?.Authorizer?.ContextText(UserIdKey) is { } user && Guid.TryParseExact(user, "D", out _) ? user : null;
}
