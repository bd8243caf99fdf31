using Todo.Commands.Requests;
using Todo.Domain.Commands;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Commands;

/// <summary>The command a request asks for, sent by <paramref name="caller"/> at <paramref name="now"/>, or why its body is wrong.</summary>
public delegate (TodoCommand? Command, BodyProblem? Problem) CommandReader(APIGatewayProxyRequest request, string? caller, DateTimeOffset now);
