using Todo.Lambda.APIGatewayEvents;

namespace Todo.Http;

/// <summary>Reads a header that may be given once at most: a doubled one is ambiguous, so it is an error, not a guess.</summary>
public static class RequestHeader
{
    /// <returns>The value, or null when absent; <paramref name="errors"/> gets an entry when it is doubled.</returns>
    public static string? Single(APIGatewayProxyRequest request, string name, Dictionary<string, string> errors)
    {
        foreach (var (key, values) in request.MultiValueHeaders ?? [])
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase) && values is { Count: > 1 })
            {
                errors[name] = "is given more than once";
                return null;
            }
        }
        return request.Header(name);
    }
}
