using System.Globalization;
using System.Security.Cryptography;
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
/// A cursor is bound to what it pages (the caller's list, or one todo's history as the caller reads it): one given out
/// for anything else is refused as made up. The binding is a digest, not a secret: what a cursor can reach is the
/// caller's own partition whatever it says; the binding makes a cursor used elsewhere an error rather than a page.
/// </summary>
public sealed record ListPage(int Limit, string? After)
{
    public const int MaxLimit = 1000;

    /// <param name="listId">The caller's list, which the cursor must have been given out for.</param>
    /// <returns>The page asked for, null for the whole list; <paramref name="errors"/> says what is malformed.</returns>
    public static ListPage? Read(APIGatewayProxyRequest request, string listId, Dictionary<string, string> errors) =>
        Read(request, listId, errors, IsListKey);

    /// <param name="scope">What is paged, as <see cref="Encode"/> was told when it gave the cursor out.</param>
    /// <param name="isPosition">Whether a decoded cursor is a position of what is paged (a list's sort key, an event's version).</param>
    public static ListPage? Read(APIGatewayProxyRequest request, string scope, Dictionary<string, string> errors, Func<string, bool> isPosition)
    {
        var query = request.QueryStringParameters;
        var limitText = query?.GetValueOrDefault("limit");
        var cursor = query?.GetValueOrDefault("cursor");
        if (limitText is null && cursor is null)
            return null;
        var limit = ReadLimit(limitText, errors);
        string? after = null;
        if (cursor is not null && ((after = Decode(cursor, scope)) is null || !isPosition(after)))
            errors["cursor"] = "is not a cursor this API gave out";
        return errors.Count > 0 ? null : new ListPage(limit, after);
    }

    /// <summary>The <c>limit</c> parameter: <see cref="MaxLimit"/> when it is not given; <paramref name="errors"/> says when it is malformed.</summary>
    public static int ReadLimit(string? text, Dictionary<string, string> errors)
    {
        var limit = MaxLimit;
        if (text is not null && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
            errors["limit"] = $"must be a whole number from 1 to {MaxLimit}";
        return limit;
    }

    /// <summary>
    /// The cursor is the digest of <paramref name="scope"/>, what it pages, then the position of the last item answered
    /// (the list's sort key, an event's version), encoded as one opaque base64url token.
    /// </summary>
    public static string Encode(string position, string scope) =>
        Convert.ToBase64String([.. Tag(scope), .. Encoding.UTF8.GetBytes(position)]).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private const int TagLength = 9;

    private static byte[] Tag(string scope) => SHA256.HashData(Encoding.UTF8.GetBytes(scope))[..TagLength];

    /// <summary>A list's sort key exactly as the read table holds them (<c>createdAt#id</c>): anything else was made up, not given out.</summary>
    private static bool IsListKey(string sortKey) =>
        sortKey.Split('#') is [var createdAt, var id] && Guid.TryParseExact(id, "D", out var todoId)
        && Timestamp.TryParse(createdAt, out var time)
        && TodoTable.SortKey(todoId, time) == sortKey;

    /// <returns>The position a cursor holds, or null when it was not given out by <see cref="Encode"/> for <paramref name="scope"/>.</returns>
    public static string? Decode(string cursor, string scope)
    {
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        try
        {
            var bytes = Convert.FromBase64String(base64);
            return bytes.Length > TagLength && bytes.AsSpan(0, TagLength).SequenceEqual(Tag(scope))
                ? new UTF8Encoding(false, true).GetString(bytes, TagLength, bytes.Length - TagLength)
                : null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            return null;
        }
    }
}
