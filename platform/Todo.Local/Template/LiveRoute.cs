namespace Todo.Local.Template;

/// <summary>A WebSocket route: the function its AWS_PROXY integration invokes, or the answer of its MOCK integration.</summary>
/// <param name="FunctionId">The function's logical id; null for a MOCK integration.</param>
/// <param name="Reply">
/// What is sent back to the client: the MOCK integration's response template, or null for none (a route without a route
/// response, or a function route, whose answer API Gateway sends back only with a route response).
/// </param>
/// <param name="TwoWay">Whether the route has a route response, so that a function's answer body is sent back.</param>
/// <param name="Authorized">Whether the API's authorizer guards it (only <c>$connect</c> may be).</param>
public sealed record LiveRoute(string Key, string? FunctionId, string? Reply, bool TwoWay, bool Authorized);
