using Todo.Http;
using Todo.Commands.Requests;
using Todo.Domain.Commands;
using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.Observability;

namespace Todo.Commands;

/// <summary><c>DELETE /api/todos/{id}</c>: 200 with a message; the todo's history stays in the events table.</summary>
public sealed class DeleteTodoFunction(TodoCommandHandler handler, ApiResponses responses, Callers callers, FunctionTelemetry telemetry)
    : CommandFunction(handler, responses, callers, telemetry)
{
    public const string Name = "delete-todo";

    public DeleteTodoFunction(FunctionServices services) : this(Handler(services), ApiResponses.From(services), Callers.From(services), services.Telemetry) { }

    protected override string Scope => Name;
    protected override int SuccessStatus => 200;
    protected override bool ReadsBody => false;

    protected override Guid? Target(APIGatewayProxyRequest request) => TodoIds.FromPath(request);

    /// <summary>A DELETE's body, if any, is not read, and neither is its Content-Type.</summary>
    protected override (TodoCommand? Command, BodyProblem? Problem) Command(APIGatewayProxyRequest request, string? caller) => (new DeleteTodo(caller), null);
}
