using Todo.Lambda.Core;
using Todo.Http;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.Observability;
using Todo.Store.ReadTable;

namespace Todo.Queries;

/// <summary>
/// <c>GET /api/todos</c>: 200 with a bare JSON array ordered by createdAt, whole or a page at a time.
/// Either way the answer stops at <see cref="SizedPage.MaxBodyBytes"/> with <c>X-Next-Cursor</c> set,
/// so a list of any size is answered rather than failing as a Lambda response too large. Eventually consistent,
/// except for the client's own changes (<see cref="FreshReads"/>).
/// </summary>
public sealed class ListTodosFunction(TodoReader reader, FreshReads fresh, ApiResponses responses, Callers callers, FunctionTelemetry telemetry) : APIGatewayProxyFunction(telemetry)
{
    /// <summary>The caller's own list: the partition of their <c>sub</c>, or the shared list of an open API.</summary>
    public override async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken)
    {
        if (!callers.TryIdentify(request, out var caller))
            return responses.Unauthorized();
        var errors = new Dictionary<string, string>();
        var tokens = MinVersions.Read(request, errors);
        var page = ListPage.Read(request, TodoTable.ListOf(caller), errors);
        if (tokens is null || errors.Count > 0)
            return responses.Invalid("Invalid request", errors);

        var answer = new SizedPage<TodoItem>(page?.Limit ?? int.MaxValue, ApiJsonContext.Default.TodoItem);
        string? last = null;
        // False when a todo did not fit: the answer is full, and the next page starts after the last one answered.
        bool Fill(IEnumerable<TodoView> todos)
        {
            foreach (var todo in todos)
            {
                if (!answer.TryAdd(TodoItem.From(todo)))
                    return false;
                last = TodoTable.SortKey(todo.Id, todo.CreatedAt);
            }
            return true;
        }

        // The client's own recent changes, taken from their events where the read table may lag behind them.
        var patch = fresh.For(caller, tokens, RecentWritesCookie.Read(request));
        string? next;
        var after = page?.After;
        while (true)
        {
            var (todos, more) = await reader.PageAsync(TodoTable.ListOf(caller), page is null ? null : answer.Room, after, cancellationToken);
            if (!patch.IsEmpty)
                todos = await patch.ApplyAsync(todos, after, more, cancellationToken);
            if (!Fill(todos))
            {
                next = last;
                break;
            }
            if (more is null || answer.Room == 0)
            {
                next = more;
                break;
            }
            after = more;
        }

        var response = responses.Items(answer.Items);
        if (next is not null)
            response.Headers![Headers.NextCursor] = ListPage.Encode(next, TodoTable.ListOf(caller));
        return response;
    }

    protected override APIGatewayProxyResponse Unavailable() => responses.Unavailable();
}
