using Todo.Api;
using Todo.Lambda;
using Todo.Lambda.ApiGateway;

namespace Todo.Queries;

/// <summary><c>GET /api/todos</c>: 200 with a bare JSON array ordered by createdAt.</summary>
public sealed class ListTodosFunction(TodoReader reader, ApiResponses responses) : ApiGatewayFunction
{
    public ListTodosFunction(FunctionServices services) : this(TodoReader.From(services), ApiResponses.From(services)) { }

    public override async Task<ApiGatewayProxyResponse> HandleAsync(ApiGatewayProxyRequest request, LambdaContext context, CancellationToken cancellationToken)
    {
        var todos = await reader.ListAsync(cancellationToken);
        return responses.Items(todos.Select(TodoItem.From).ToList());
    }
}
