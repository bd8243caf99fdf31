using Todo.Api;
using Todo.Lambda;
using Todo.Lambda.ApiGateway;

namespace Todo.Queries;

/// <summary><c>GET /api/todos</c>: 200 with a bare JSON array ordered by createdAt.</summary>
public sealed class ListTodosFunction(TodoReader reader, FreshReads fresh, ApiResponses responses) : ApiGatewayFunction
{
    public ListTodosFunction(FunctionServices services) : this(TodoReader.From(services), FreshReads.From(services), ApiResponses.From(services)) { }

    public override async Task<ApiGatewayProxyResponse> HandleAsync(ApiGatewayProxyRequest request, LambdaContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (MinVersions.Read(request, errors) is not { } tokens)
            return responses.Invalid("Invalid request headers", errors);
        var todos = tokens.Count > 0
            ? await fresh.ListAsync(tokens, cancellationToken)
            : await reader.ListAsync(consistent: false, cancellationToken);
        return responses.Items(todos.Select(TodoItem.From).ToList());
    }
}
