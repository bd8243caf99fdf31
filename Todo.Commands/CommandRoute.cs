using Todo.Lambda.APIGatewayEvents;

namespace Todo.Commands;

/// <summary>
/// A command route as data, which <see cref="CommandEndpoint"/> runs: what differs between creating, changing
/// and deleting a todo is which todo a request names, which headers and body it reads, and how a success answers.
/// </summary>
/// <param name="Name">The template's Handler; it also scopes idempotency records, as Powertools scopes them by function.</param>
/// <param name="SuccessStatus">The status of an accepted command that leaves the todo live.</param>
/// <param name="TakesIfMatch">Whether an If-Match header makes the command conditional.</param>
/// <param name="ReadsBody">Whether the body is read; a route that reads none does not look at its Content-Type either.</param>
/// <param name="Target">The todo the request is about; null for an id that names no todo.</param>
/// <param name="Command">The command the request asks for, or why its body is wrong.</param>
public sealed record CommandRoute(
    string Name, int SuccessStatus, bool TakesIfMatch, bool ReadsBody, Func<APIGatewayProxyRequest, Guid?> Target, CommandReader Command);
