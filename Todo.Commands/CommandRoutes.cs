using Todo.Commands.Requests;
using Todo.Domain;
using Todo.Domain.Commands;
using Todo.Http;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Commands;

/// <summary>The API's command routes, by the names template.yaml gives their handlers.</summary>
public static class CommandRoutes
{
    public const string NoUpdatableFields = "No updatable fields provided";

    private static readonly HashSet<string> CreateFields = [RequestBodyReader.TextField];
    private static readonly HashSet<string> UpdateFields = [RequestBodyReader.TextField, RequestBodyReader.CompletedField];
    private static readonly HashSet<string> ReadOnlyFields = [RequestBodyReader.IdField, RequestBodyReader.CreatedAtField];

    /// <summary><c>POST /api/todos</c> with <c>{"text"}</c>: 201 with the new item, under a new id.</summary>
    public static readonly CommandRoute Create = new("create-todo", 201, TakesIfMatch: false, ReadsBody: true, _ => Guid.NewGuid(), ReadCreate);

    /// <summary>
    /// <c>PUT /api/todos/{id}</c> with <c>text</c> and/or <c>completed</c>: 200 with the full item. The item's
    /// <c>id</c> and <c>createdAt</c> are ignored, so a client can PUT back the object GET gave it.
    /// </summary>
    public static readonly CommandRoute Update = new("update-todo", 200, TakesIfMatch: true, ReadsBody: true, TodoIds.FromPath, ReadUpdate);

    /// <summary>
    /// <c>DELETE /api/todos/{id}</c>: 200 with a message; the todo's history stays in the events table. Its body,
    /// if any, is not read, and neither is its Content-Type.
    /// </summary>
    public static readonly CommandRoute Delete = new("delete-todo", 200, TakesIfMatch: true, ReadsBody: false, TodoIds.FromPath,
        (_, caller, _) => (new DeleteTodo(caller), null));

    public static IReadOnlyList<CommandRoute> All { get; } = [Create, Update, Delete];

    private static (TodoCommand?, BodyProblem?) ReadCreate(APIGatewayProxyRequest request, string? caller, DateTimeOffset now)
    {
        var fields = RequestBodyReader.Read(request, CreateFields, out var problem);
        if (fields is null)
            return (null, problem);
        if (fields.Text is null)
            return (null, new BodyProblem("Invalid request body", new Dictionary<string, string> { [RequestBodyReader.TextField] = "is required" }));
        return (new CreateTodo(fields.Text, Timestamp.Truncate(now), caller), null);
    }

    private static (TodoCommand?, BodyProblem?) ReadUpdate(APIGatewayProxyRequest request, string? caller, DateTimeOffset now)
    {
        var fields = RequestBodyReader.Read(request, UpdateFields, ReadOnlyFields, out var problem);
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
