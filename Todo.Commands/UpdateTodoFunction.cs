using Todo.Adapters.Api;
using Todo.Commands.Requests;
using Todo.Domain.Commands;
using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Commands;

/// <summary><c>PUT /api/todos/{id}</c> with <c>text</c> and/or <c>completed</c>: 200 with the full item.</summary>
public sealed class UpdateTodoFunction(TodoCommandHandler handler, ApiResponses responses) : CommandFunction(handler, responses)
{
    public const string Name = "update-todo";

    private static readonly HashSet<string> Allowed = [RequestBodyReader.TextField, RequestBodyReader.CompletedField];

    public UpdateTodoFunction(FunctionServices services) : this(Handler(services), ApiResponses.From(services)) { }

    protected override string Scope => Name;
    protected override int SuccessStatus => 200;

    protected override Guid? Target(APIGatewayProxyRequest request) => TodoIds.FromPath(request);

    protected override (TodoCommand? Command, BodyProblem? Problem) Command(APIGatewayProxyRequest request)
    {
        var fields = RequestBodyReader.Read(request, Allowed, out var problem);
        if (fields is null)
            return (null, problem);
        if (fields is { Text: null, Completed: null })
            return (null, new BodyProblem("Request body must set text or completed", new Dictionary<string, string>
            {
                [RequestBodyReader.TextField] = "or completed is required",
            }));
        return (new UpdateTodo(fields.Text, fields.Completed), null);
    }
}
