using Todo.Http;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Queries;

/// <summary>Reads the <c>X-Min-Version</c> header: the version tokens a client has been given by its commands.</summary>
public static class MinVersions
{
    /// <summary>Each token may cost a read of the todo's events, so a request names a bounded number of them.</summary>
    public const int MaxTokens = RecentWritesCookie.MaxWrites;

    /// <returns>The tokens (empty without the header), or null with <paramref name="errors"/> saying what is wrong.</returns>
    public static List<VersionToken>? Read(APIGatewayProxyRequest request, Dictionary<string, string> errors)
    {
        var header = RequestHeader.Single(request, Headers.MinVersion, errors);
        if (errors.Count > 0)
            return null;
        if (header is null)
            return [];
        if (VersionToken.ParseList(header) is not { } tokens)
            errors[Headers.MinVersion] = "must be one or more <todoId>:<version> separated by commas";
        else if (tokens.Count > MaxTokens)
            errors[Headers.MinVersion] = $"names {tokens.Count} versions; at most {MaxTokens} are read";
        else
            return tokens;
        return null;
    }
}
