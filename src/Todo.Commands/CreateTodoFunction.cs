using Todo.Api;
using Todo.Commands.Requests;
using Todo.Domain;
using Todo.Domain.Commands;
using Todo.Lambda;
using Todo.Lambda.ApiGateway;

namespace Todo.Commands;

/// <summary><c>POST /api/todos</c> with <c>{"text"}</c>: 201 with the new item.</summary>
public sealed class CreateTodoFunction(TodoCommandHandler handler, ApiResponses responses, TimeProvider clock)
    : CommandFunction(handler, responses)
{
    private static readonly HashSet<string> Allowed = [RequestBodyReader.TextField];

    public CreateTodoFunction(FunctionServices services) : this(Handler(services), ApiResponses.From(services), TimeProvider.System) { }

    public override Task<ApiGatewayProxyResponse> HandleAsync(ApiGatewayProxyRequest request, LambdaContext context, CancellationToken cancellationToken)
    {
        var fields = RequestBodyReader.Read(request, Allowed, out var problem);
        if (fields is null)
            return Task.FromResult(Rejected(problem!));
        if (fields.Text is null)
            return Task.FromResult(Rejected(new BodyProblem("Invalid request body", new Dictionary<string, string> { [RequestBodyReader.TextField] = "is required" })));
        var command = new CreateTodo(fields.Text, Timestamp.Truncate(clock.GetUtcNow()));
        return RunAsync(Guid.NewGuid(), command, request, 201, cancellationToken);
    }
}
