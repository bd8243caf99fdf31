using Todo.Http;
using Todo.Commands.Requests;
using Todo.Domain;
using Todo.Domain.Commands;
using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.Observability;

namespace Todo.Commands;

/// <summary><c>POST /api/todos</c> with <c>{"text"}</c>: 201 with the new item.</summary>
public sealed class CreateTodoFunction(TodoCommandHandler handler, ApiResponses responses, Callers callers, TimeProvider clock, FunctionTelemetry telemetry)
    : CommandFunction(handler, responses, callers, telemetry)
{
    public const string Name = "create-todo";

    private static readonly HashSet<string> Allowed = [RequestBodyReader.TextField];

    public CreateTodoFunction(FunctionServices services) : this(Handler(services), ApiResponses.From(services), Callers.From(services), services.Clock, services.Telemetry) { }

    protected override string Scope => Name;
    protected override bool TakesIfMatch => false;
    protected override int SuccessStatus => 201;

    protected override Guid? Target(APIGatewayProxyRequest request) => Guid.NewGuid();

    protected override (TodoCommand? Command, BodyProblem? Problem) Command(APIGatewayProxyRequest request, string? caller)
    {
        var fields = RequestBodyReader.Read(request, Allowed, out var problem);
        if (fields is null)
            return (null, problem);
        if (fields.Text is null)
            return (null, new BodyProblem("Invalid request body", new Dictionary<string, string> { [RequestBodyReader.TextField] = "is required" }));
        return (new CreateTodo(fields.Text, Timestamp.Truncate(clock.GetUtcNow()), caller), null);
    }
}
