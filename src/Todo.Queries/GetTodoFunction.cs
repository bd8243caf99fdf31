using Todo.Api;
using Todo.Lambda;
using Todo.Lambda.ApiGateway;

namespace Todo.Queries;

/// <summary><c>GET /api/todos/{id}</c>: 200 with the item, 404 for an unknown or deleted id.</summary>
public sealed class GetTodoFunction(TodoReader reader, ApiResponses responses) : ApiGatewayFunction
{
    public GetTodoFunction(FunctionServices services) : this(TodoReader.From(services), ApiResponses.From(services)) { }

    public override async Task<ApiGatewayProxyResponse> HandleAsync(ApiGatewayProxyRequest request, LambdaContext context, CancellationToken cancellationToken) =>
        TodoIds.FromPath(request) is { } id && await reader.GetAsync(id, cancellationToken) is { } todo
            ? responses.Item(200, TodoItem.From(todo))
            : responses.NotFound();
}
