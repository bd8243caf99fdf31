using Todo.Lambda.Core;
using Todo.Http;
using Todo.Domain;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.Observability;

namespace Todo.Queries;

/// <summary>
/// <c>GET /api/todos/{id}</c>: 200 with the item and its ETag, 404 for an unknown or deleted id, read from the
/// todo's newest event so it is never older than a command already answered (<see cref="FreshReads"/>). With
/// <c>?asOfVersion=</c> or <c>?asOf=</c>, the item as it was then, folded from its events (404 before it existed).
/// Another user's todo is 404 on every one of these reads, as an unknown id is.
/// </summary>
public sealed class GetTodoFunction(FreshReads fresh, TodoHistory history, ApiResponses responses, Callers callers, FunctionTelemetry telemetry)
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
            return await history.AsOfAsync(caller, id, asOf, cancellationToken) is (TodoState.Live live, var at)
                ? ApiResponses.Versioned(responses.Item(200, TodoItem.From(id, live)), id, at)
                : responses.NotFound();
        }
        // The item is read from its events, never behind a version the client holds: the header is only checked.
        if (MinVersions.Read(request, errors) is null)
            return responses.Invalid("Invalid request headers", errors);
        var (todo, version) = await fresh.GetAsync(caller, id, cancellationToken);
        return todo is null ? responses.NotFound() : ApiResponses.Versioned(responses.Item(200, TodoItem.From(todo)), id, version);
    }

    protected override APIGatewayProxyResponse Unavailable() => responses.Unavailable();
}
