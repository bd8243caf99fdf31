using System.Globalization;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Http;

/// <summary>
/// Read-your-writes for every client that keeps cookies, with nothing asked of it: each command's answer sets a
/// cookie naming the todos the client changed in the last minute, and a list read takes those todos from their
/// events, which are never behind, instead of from the read table, which may be. One cookie of one name, so that
/// CloudFront's origin request policy can name it; <c>HttpOnly</c>, so no script reads it; <c>SameSite=Strict</c>,
/// so no other site's request carries it. It names todos and where they sort, never their text.
/// </summary>
public static class RecentWritesCookie
{
    public const string Name = "todo-writes";

    /// <summary>The todos one cookie names at most: bounds the cookie's size and the reads a list request makes for it.</summary>
    public const int MaxWrites = 32;

    /// <summary>Far longer than the projection takes; after that a list read needs no help.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>Where the API is, as CloudFront and the local host serve it.</summary>
    private const string ApiPath = "/api";
    private const char Separator = '.';
    private const string DeletedMark = "x";
    private static readonly long MaxMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    /// <summary>The writes the request's cookie names, oldest first; entries that are not this cookie's are ignored, not refused.</summary>
    public static List<RecentWrite> Read(APIGatewayProxyRequest request)
    {
        var writes = new List<RecentWrite>();
        foreach (var header in CookieHeaders(request))
        {
            foreach (var pair in header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=');
                if (equals < 0 || pair[..equals] != Name)
                    continue;
                foreach (var entry in pair[(equals + 1)..].Split(Separator, StringSplitOptions.RemoveEmptyEntries))
                {
                    if (Parse(entry) is { } write)
                    {
                        writes.RemoveAll(w => w.TodoId == write.TodoId);
                        writes.Add(write);
                    }
                }
            }
        }
        return writes.Count > MaxWrites ? writes[^MaxWrites..] : writes;
    }

    /// <summary>
    /// Sets the cookie on a command's answer: the request's writes with this one added last, for the API's path as
    /// clients see it behind CloudFront, the one way to the API (the stage's firewall refuses its own URL).
    /// </summary>
    public static void Add(APIGatewayProxyResponse response, APIGatewayProxyRequest request, RecentWrite write)
    {
        var writes = Read(request);
        writes.RemoveAll(w => w.TodoId == write.TodoId);
        writes.Add(write);
        var value = string.Join(Separator, writes.TakeLast(MaxWrites).Select(Format));
        // API Gateway (and the local host) say how the client reached them; anything but plain http keeps the cookie to HTTPS.
        var secure = string.Equals(request.Header("X-Forwarded-Proto"), "http", StringComparison.OrdinalIgnoreCase) ? "" : "; Secure";
        (response.MultiValueHeaders ??= [])["Set-Cookie"] = [$"{Name}={value}; Path={ApiPath}; Max-Age={(int)Lifetime.TotalSeconds}; HttpOnly; SameSite=Strict{secure}"];
    }

    private static IEnumerable<string> CookieHeaders(APIGatewayProxyRequest request)
    {
        foreach (var (key, values) in request.MultiValueHeaders ?? [])
        {
            if (string.Equals(key, "Cookie", StringComparison.OrdinalIgnoreCase))
                return values?.OfType<string>() ?? [];
        }
        return request.Header("Cookie") is { } single ? [single] : [];
    }

    private static string Format(RecentWrite write) =>
        $"{write.TodoId:N}:{(write.CreatedAt is { } createdAt ? createdAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) : DeletedMark)}";

    private static RecentWrite? Parse(string entry)
    {
        var colon = entry.IndexOf(':');
        if (colon < 0 || !Guid.TryParseExact(entry[..colon], "N", out var id))
            return null;
        var placed = entry[(colon + 1)..];
        if (placed == DeletedMark)
            return new RecentWrite(id, null);
        return long.TryParse(placed, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds <= MaxMilliseconds
            ? new RecentWrite(id, DateTimeOffset.FromUnixTimeMilliseconds(milliseconds))
            : null;
    }
}
