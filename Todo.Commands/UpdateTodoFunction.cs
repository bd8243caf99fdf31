using Todo.Http;
using Todo.Commands.Requests;
using Todo.Domain.Commands;
using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.Observability;

namespace Todo.Commands;

/// <summary>
/// <c>PUT /api/todos/{id}</c> with <c>text</c> and/or <c>completed</c>: 200 with the full item. The
/// item's <c>id</c> and <c>createdAt</c> are ignored, so a client can PUT back the object GET gave it.
/// </summary>
public sealed class UpdateTodoFunction(TodoCommandHandler handler, ApiResponses responses, Callers callers, FunctionTelemetry telemetry)
    : CommandFunction(handler, responses, callers, telemetry)
{
    public const string Name = "update-todo";

    public const string NoUpdatableFields = "No updatable fields provided";

    private static readonly HashSet<string> Allowed = [RequestBodyReader.TextField, RequestBodyReader.CompletedField];
    private static readonly HashSet<string> ReadOnly = [RequestBodyReader.IdField, RequestBodyReader.CreatedAtField];

    public UpdateTodoFunction(FunctionServices services) : this(Handler(services), ApiResponses.From(services), Callers.From(services), services.Telemetry) { }

    protected override string Scope => Name;
    protected override int SuccessStatus => 200;

    protected override Guid? Target(APIGatewayProxyRequest request) => TodoIds.FromPath(request);

    protected override (TodoCommand? Command, BodyProblem? Problem) Command(APIGatewayProxyRequest request, string? caller)
    {
        var fields = RequestBodyReader.Read(request, Allowed, ReadOnly, out var problem);
        if (fields is null)
            return (null, problem);
        if (fields is { Text: null, Completed: null })
            return (null, new BodyProblem(NoUpdatableFields, new Dictionary<string, string>
            {
                [RequestBodyReader.TextField] = "or completed is required",
            }));
        return (new UpdateTodo(fields.Text, fields.Completed, caller), null);
    }
}
