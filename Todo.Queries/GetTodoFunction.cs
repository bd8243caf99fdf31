using Todo.Lambda.Core;
using Todo.Adapters.Api;
using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Queries;

/// <summary><c>GET /api/todos/{id}</c>: 200 with the item and its ETag, 404 for an unknown or deleted id.</summary>
public sealed class GetTodoFunction(TodoReader reader, FreshReads fresh, ApiResponses responses) : APIGatewayProxyFunction
{
    public GetTodoFunction(FunctionServices services) : this(TodoReader.From(services), FreshReads.From(services), ApiResponses.From(services)) { }

    public override async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken)
    {
        if (TodoIds.FromPath(request) is not { } id)
            return responses.NotFound();
        var errors = new Dictionary<string, string>();
        if (MinVersions.Read(request, errors) is not { } tokens)
            return responses.Invalid("Invalid request headers", errors);
        // Tokens for other todos say nothing about this one.
        var minVersion = tokens.Where(t => t.TodoId == id).Select(t => t.Version).DefaultIfEmpty(0).Max();
        var (todo, version) = minVersion > 0
            ? await fresh.GetAsync(id, minVersion, cancellationToken)
            : await reader.GetAsync(id, consistent: false, cancellationToken) ?? (null, 0);
        return todo is null ? responses.NotFound() : ApiResponses.Versioned(responses.Item(200, TodoItem.From(todo)), id, version);
    }
}
