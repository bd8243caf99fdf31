using Todo.Api;
using Todo.Domain.Commands;
using Todo.Lambda;
using Todo.Lambda.ApiGateway;

namespace Todo.Commands;

/// <summary><c>DELETE /api/todos/{id}</c>: 200 with a message; the todo's history stays in the events table.</summary>
public sealed class DeleteTodoFunction(TodoCommandHandler handler, ApiResponses responses) : CommandFunction(handler, responses)
{
    public DeleteTodoFunction(FunctionServices services) : this(Handler(services), ApiResponses.From(services)) { }

    public override Task<ApiGatewayProxyResponse> HandleAsync(ApiGatewayProxyRequest request, LambdaContext context, CancellationToken cancellationToken) =>
        TodoIds.FromPath(request) is { } id
            ? RunAsync(id, new DeleteTodo(), request, 200, cancellationToken)
            : Task.FromResult(Responses.NotFound());
}
