using Todo.Lambda.Core;
using Todo.Http;
using Todo.Domain;
using Todo.Lambda.APIGatewayEvents;
using Todo.Store.ReadTable;
using Todo.Lambda.Observability;

namespace Todo.Queries;

/// <summary>
/// <c>GET /api/todos/{id}</c>: 200 with the item and its ETag, 404 for an unknown or deleted id. With
/// <c>?asOfVersion=</c> or <c>?asOf=</c>, the item as it was then, folded from its events (404 before it existed).
/// Another user's todo is 404 on every one of these reads, as an unknown id is.
/// </summary>
public sealed class GetTodoFunction(TodoReader reader, FreshReads fresh, TodoHistory history, ApiResponses responses, Callers callers, FunctionTelemetry telemetry)
    : APIGatewayProxyFunction(telemetry)
{
    public override async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken)
    {
        if (!callers.TryIdentify(request, out var caller))
            return responses.Unauthorized();
        if (TodoIds.FromPath(request) is not { } id)
            return responses.NotFound();
        var errors = new Dictionary<string, string>();
        var asOf = AsOf.Read(request, errors);
        if (errors.Count > 0)
            return responses.Invalid("Invalid request", errors);
        if (asOf is not null)
        {
            var (state, at) = await history.AsOfAsync(id, asOf, cancellationToken);
            return state is TodoState.Live live && live.BelongsTo(caller) ? ApiResponses.Versioned(responses.Item(200, TodoItem.From(id, live)), id, at) : responses.NotFound();
        }
        if (MinVersions.Read(request, errors) is not { } tokens)
            return responses.Invalid("Invalid request headers", errors);
        // Tokens for other todos say nothing about this one.
        var minVersion = tokens.Where(t => t.TodoId == id).Select(t => t.Version).DefaultIfEmpty(0).Max();
        var (todo, version) = minVersion > 0
            ? await fresh.GetAsync(caller, id, minVersion, cancellationToken)
            : await reader.GetAsync(TodoTable.ListOf(caller), id, consistent: false, cancellationToken) ?? (null, 0);
        return todo is null ? responses.NotFound() : ApiResponses.Versioned(responses.Item(200, TodoItem.From(todo)), id, version);
    }
}
