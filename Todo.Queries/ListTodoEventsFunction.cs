using System.Globalization;
using Todo.Lambda.Core;
using Todo.Http;
using Todo.Lambda.APIGatewayEvents;
using Todo.Lambda.Observability;
using Todo.Store.ReadTable;

namespace Todo.Queries;

/// <summary>
/// <c>GET /api/todos/{id}/events</c>: the todo's history, a bare JSON array of <c>{version, type, occurredAt, data}</c>
/// in version order, paged as the list is (<c>?limit=</c>, <c>?cursor=</c>, <c>X-Next-Cursor</c>, and at most
/// <see cref="SizedPage.MaxBodyBytes"/> an answer). A deleted todo's history stays readable to its owner; an
/// unknown id, and another user's todo, is 404.
/// </summary>
public sealed class ListTodoEventsFunction(TodoHistory history, ApiResponses responses, Callers callers, FunctionTelemetry telemetry) : APIGatewayProxyFunction(telemetry)
{
    public override async Task<APIGatewayProxyResponse> HandleAsync(APIGatewayProxyRequest request, ILambdaContext context, CancellationToken cancellationToken)
    {
        if (!callers.TryIdentify(request, out var caller))
            return responses.Unauthorized();
        if (TodoIds.FromPath(request) is not { } id)
            return responses.NotFound();
        var errors = new Dictionary<string, string>();
        var page = ListPage.Read(request, HistoryOf(caller, id), errors, IsVersion);
        if (errors.Count > 0)
            return responses.Invalid("Invalid request", errors);

        var answer = new SizedPage<HistoryEvent>(page?.Limit ?? int.MaxValue, ApiJsonContext.Default.HistoryEvent);
        var after = page?.After is { } cursor ? long.Parse(cursor, CultureInfo.InvariantCulture) : 0;
        long? next = null;
        while (true)
        {
            var (events, more) = await history.PageAsync(id, after, page is null ? null : answer.Room, cancellationToken);
            // Every event carries its todo's owner: someone else's history is no history at all.
            if (events.Count > 0 && events[0].Owner != caller)
                return responses.NotFound();
            var fitted = events.TakeWhile(e => answer.TryAdd(HistoryEvent.From(e))).Count();
            if (fitted > 0)
                after = events[fitted - 1].Version;
            if (fitted < events.Count || (more && answer.Room == 0))
            {
                next = after;
                break;
            }
            if (!more)
                break;
        }

        // Events are never removed: no event at all, from the start or after a cursor, means no such todo.
        if (answer.Items.Count == 0 && (page?.After is null || !await history.ExistsAsync(caller, id, cancellationToken)))
            return responses.NotFound();
        var response = responses.Events(answer.Items);
        if (next is { } version)
            response.Headers![Headers.NextCursor] = ListPage.Encode(version.ToString(CultureInfo.InvariantCulture), HistoryOf(caller, id));
        return response;
    }

    /// <summary>What a history cursor pages: one todo's events, as this caller reads them.</summary>
    private static string HistoryOf(string? caller, Guid id) => $"{TodoTable.ListOf(caller)}/{id:D}";

    private static bool IsVersion(string position) =>
        long.TryParse(position, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1;

    protected override APIGatewayProxyResponse Unavailable() => responses.Unavailable();
}
