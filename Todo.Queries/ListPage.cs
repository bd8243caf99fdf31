using System.Globalization;
using System.Text;
using Todo.Lambda.APIGatewayEvents;
using Todo.Domain;
using Todo.Store.ReadTable;

namespace Todo.Queries;

/// <summary>
/// Paging of <c>GET /api/todos</c>, an extension the classic contract does not have: <c>?limit=N</c>
/// answers the first N todos (still a bare array) and, when more follow, an <c>X-Next-Cursor</c> to
/// pass back as <c>?cursor=</c>. Without <c>limit</c> the whole list is answered, as before, up to
/// <see cref="SizedPage{T}"/>'s size. A todo's history (<c>/events</c>) pages the same way.
/// </summary>
public sealed record ListPage(int Limit, string? After)
{
    public const int MaxLimit = 1000;

    /// <returns>The page asked for, null for the whole list; <paramref name="errors"/> says what is malformed.</returns>
    public static ListPage? Read(APIGatewayProxyRequest request, Dictionary<string, string> errors) =>
        Read(request, errors, IsListKey);

    /// <param name="isPosition">Whether a decoded cursor is a position of what is paged (a list's sort key, an event's version).</param>
    public static ListPage? Read(APIGatewayProxyRequest request, Dictionary<string, string> errors, Func<string, bool> isPosition)
    {
        var query = request.QueryStringParameters;
        var limitText = query?.GetValueOrDefault("limit");
        var cursor = query?.GetValueOrDefault("cursor");
        if (limitText is null && cursor is null)
            return null;
        var limit = MaxLimit;
        if (limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            errors["limit"] = $"must be a whole number from 1 to {MaxLimit}";
        string? after = null;
        if (cursor is not null && ((after = Decode(cursor)) is null || !isPosition(after)))
            errors["cursor"] = "is not a cursor this API gave out";
        return errors.Count > 0 ? null : new ListPage(limit, after);
    }

    /// <summary>The cursor is the position of the last item answered (the list's sort key), encoded so it reads as one opaque token.</summary>
    public static string Encode(string position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(position)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>A list's sort key exactly as the read table holds them (<c>createdAt#id</c>): anything else was made up, not given out.</summary>
    private static bool IsListKey(string sortKey) =>
        sortKey.Split('#') is [var createdAt, var id] && Guid.TryParseExact(id, "D", out var todoId)
        && Timestamp.TryParse(createdAt, out var time)
        && TodoTable.SortKey(todoId, time) == sortKey;

    private static string? Decode(string cursor)
    {
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        try
        {
            return new UTF8Encoding(false, true).GetString(Convert.FromBase64String(base64));
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return null;
        }
    }
}
