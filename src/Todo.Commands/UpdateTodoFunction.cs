using Todo.Api;
using Todo.Commands.Requests;
using Todo.Domain.Commands;
using Todo.Lambda;
using Todo.Lambda.ApiGateway;

namespace Todo.Commands;

/// <summary><c>PUT /api/todos/{id}</c> with <c>text</c> and/or <c>completed</c>: 200 with the full item.</summary>
public sealed class UpdateTodoFunction(TodoCommandHandler handler, ApiResponses responses) : CommandFunction(handler, responses)
{
    private static readonly HashSet<string> Allowed = [RequestBodyReader.TextField, RequestBodyReader.CompletedField];

    public UpdateTodoFunction(FunctionServices services) : this(Handler(services), ApiResponses.From(services)) { }

    public override Task<ApiGatewayProxyResponse> HandleAsync(ApiGatewayProxyRequest request, LambdaContext context, CancellationToken cancellationToken)
    {
        if (TodoIds.FromPath(request) is not { } id)
            return Task.FromResult(Responses.NotFound());
        var fields = RequestBodyReader.Read(request, Allowed, out var problem);
        if (fields is null)
            return Task.FromResult(Rejected(problem!));
        if (fields is { Text: null, Completed: null })
            return Task.FromResult(Rejected(new BodyProblem("Request body must set text or completed")));
        return RunAsync(id, new UpdateTodo(fields.Text, fields.Completed), request, 200, cancellationToken);
    }
}
