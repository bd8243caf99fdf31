using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using Todo.Http;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.Core;
using Todo.Lambda.Observability;
using Todo.Store.ReadTable;

namespace Todo.Queries;

/// <summary>
/// <c>GET /api/todos/changes?after=&lt;token&gt;&amp;limit=N</c>: 200 <c>{"changes": [...], "next": "&lt;token&gt;"}</c>, every
/// todo of the caller's list changed since the token (from the list's beginning without one), oldest change first, each
/// its id, version and item or <c>"deleted": true</c>; empty when caught up. Only settled changes are answered
/// (<see cref="TodoChanges"/>): a client that asks again from each <c>next</c> misses none, however many projector lanes
/// write meanwhile. At most <c>limit</c> changes (<see cref="ListPage.MaxLimit"/>) and <see cref="SizedPage.MaxBodyBytes"/> an answer.
/// </summary>
public sealed class ListTodoChangesFunction(TodoChanges changes, ApiResponses responses, Callers callers, FunctionTelemetry telemetry) : APIGatewayProxyFunction(telemetry)
{
    public override async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken)
    {
        if (!callers.TryIdentify(request, out var caller))
            return responses.Unauthorized();
        var listId = TodoTable.ListOf(caller);
        var errors = new Dictionary<string, string>();
        if (ChangesRequest.Read(request, listId, changes.Tables, errors) is not { } read)
            return responses.Invalid("Invalid request", errors);
        var table = await changes.ActiveAsync(cancellationToken);
        var asked = read.In(table);

        var horizon = changes.Horizon();
        var answer = new SizedPage<TodoChange>(asked.Limit, ChangesJsonContext.Default.TodoChange);
        string? last = null;
        var reachedHorizon = false;
        if (asked.Reads(horizon))
        {
            Dictionary<string, AttributeValue>? start = null;
            while (true)
            {
                // One more than there is room for: the change at the token's own position, answered before, may be first.
                var (items, more) = await changes.PageAsync(table, listId, asked.After, horizon, answer.Room + 1, start, cancellationToken);
                var taken = 0;
                foreach (var item in items)
                {
                    var key = item[TodoTable.ChangeKey].S;
                    if (key != asked.After)
                    {
                        if (!answer.TryAdd(TodoChange.From(item)))
                            break;
                        last = key;
                    }
                    taken++;
                }
                if (taken < items.Count || (more is not null && answer.Room == 0))
                    break;
                if (more is null)
                {
                    reachedHorizon = true;
                    break;
                }
                start = more;
            }
        }

        var next = ChangesRequest.Token(asked.Next(horizon, last, reachedHorizon), listId, table);
        return responses.Document(JsonSerializer.Serialize(new ChangesPage(answer.Items, next), ChangesJsonContext.Default.ChangesPage));
    }

    protected override APIGatewayProxyResponse Unavailable() => responses.Unavailable();
}
