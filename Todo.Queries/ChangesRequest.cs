using Todo.Lambda.APIGatewayEvents;
using Todo.Domain;
using Todo.Store.ReadTable;

namespace Todo.Queries;

/// <summary>
/// What <c>GET /api/todos/changes?after=&amp;limit=</c> asks for. A token holds a position in the list's changes (a
/// <see cref="TodoTable.ChangeKey"/>: every change at or before it has been answered), bound by digest to the caller's
/// list and to the read table it was read from (<see cref="ListPage.Encode"/>). A rebuild's switch makes the other
/// table active, whose stamps are its own: a token of that table starts again from the beginning. Anything else is made up.
/// </summary>
/// <param name="After">The position to answer changes after; null from the beginning of the list.</param>
/// <param name="Table">The read table the token was read from; null without a token.</param>
public sealed record ChangesRequest(int Limit, string? After, string? Table)
{
    public const string AfterParameter = "after";

    /// <summary>
    /// The position past every change stamped within the horizon's millisecond: the change key of the highest id, which no
    /// todo has. The feed answers up to it and a token never passes it.
    /// </summary>
    public static string HorizonKey(DateTimeOffset horizon) => TodoTable.ChangeKeyOf(LastId, horizon);

    private static readonly Guid LastId = Guid.Parse("ffffffff-ffff-ffff-ffff-ffffffffffff");

    /// <summary>What a token pages: the list's changes in one read table.</summary>
    public static string Scope(string listId, string table) => $"{listId}/changes/{table}";

    public static string Token(string position, string listId, string table) => ListPage.Encode(position, Scope(listId, table));

    /// <summary>The request as asked, checked before anything is read: a token must be one given out for the list in either read table.</summary>
    /// <returns>Null with <paramref name="errors"/> saying what is malformed.</returns>
    public static ChangesRequest? Read(APIGatewayProxyRequest request, string listId, ReadTables tables, Dictionary<string, string> errors)
    {
        var query = request.QueryStringParameters;
        var limit = ListPage.ReadLimit(query?.GetValueOrDefault("limit"), errors);
        string? after = null, table = null;
        if (query?.GetValueOrDefault(AfterParameter) is { } token)
        {
            (after, table) = new[] { tables.First, tables.Second }
                .Select(t => (Position: Position(token, Scope(listId, t)), Table: t))
                .FirstOrDefault(bound => bound.Position is not null);
            if (after is null)
                errors[AfterParameter] = "is not a token this API gave out";
        }
        return errors.Count > 0 ? null : new ChangesRequest(limit, after, table);
    }

    /// <summary>The request on the read table active now: a token read from the other one starts again from the beginning.</summary>
    public ChangesRequest In(string active) => Table == active ? this : this with { After = null, Table = active };

    /// <summary>
    /// The position to answer with: the horizon when every change up to it was read, else the last change answered, else
    /// (nothing read: the position is at or past this horizon, one of a clock a little behind the last one's) the same
    /// position. So a token never moves back, and never past a horizon.
    /// </summary>
    public string Next(string horizon, string? lastAnswered, bool reachedHorizon) =>
        reachedHorizon ? horizon : lastAnswered ?? After ?? horizon;

    /// <summary>Whether anything can follow the position up to the horizon: a position at or past it has nothing to read yet.</summary>
    public bool Reads(string horizon) => After is null || string.CompareOrdinal(After, horizon) < 0;

    /// <summary>A position is a change key exactly as the writers stamp them (or as <see cref="HorizonKey"/> makes one).</summary>
    private static string? Position(string token, string scope) =>
        ListPage.Decode(token, scope) is { } position && position.Split('#') is [var time, var id]
        && Guid.TryParseExact(id, "D", out var todoId) && Timestamp.TryParse(time, out var at) && TodoTable.ChangeKeyOf(todoId, at) == position
            ? position
            : null;
}
