using Todo.Lambda.Core;
using Todo.Adapters.Api;
using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;
using Todo.Adapters.ReadModel;

namespace Todo.Queries;

/// <summary><c>GET /api/todos</c>: 200 with a bare JSON array ordered by createdAt, whole or a page at a time.</summary>
public sealed class ListTodosFunction(TodoReader reader, FreshReads fresh, ApiResponses responses) : APIGatewayProxyFunction
{
    public ListTodosFunction(FunctionServices services) : this(TodoReader.From(services), FreshReads.From(services), ApiResponses.From(services)) { }

    public override async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var tokens = MinVersions.Read(request, errors);
        var page = ListPage.Read(request, errors);
        if (tokens is null || errors.Count > 0)
            return responses.Invalid("Invalid request", errors);

        List<TodoView> todos;
        string? next = null;
        if (tokens.Count > 0)
            (todos, next) = Slice(await fresh.ListAsync(tokens, cancellationToken), page);
        else if (page is null)
            todos = await reader.ListAsync(consistent: false, cancellationToken);
        else
            (todos, next) = await reader.PageAsync(page.Limit, page.After, consistent: false, cancellationToken);

        var response = responses.Items(todos.Select(TodoItem.From).ToList());
        if (next is not null)
            response.Headers![Headers.NextCursor] = ListPage.Encode(next);
        return response;
    }

    /// <summary>A fresh read is the whole list, so its page is cut here.</summary>
    private static (List<TodoView> Todos, string? Next) Slice(List<TodoView> all, ListPage? page)
    {
        if (page is null)
            return (all, null);
        var rest = all.Where(t => page.After is null || string.CompareOrdinal(TodoTable.SortKey(t.Id, t.CreatedAt), page.After) > 0).ToList();
        var todos = rest.Take(page.Limit).ToList();
        return (todos, rest.Count > page.Limit ? TodoTable.SortKey(todos[^1].Id, todos[^1].CreatedAt) : null);
    }
}
