using System.Globalization;
using System.Text;
using Microsoft.Extensions.Primitives;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Local.ApiGateway;

/// <summary>Turns an HTTP request into the REST API (v1) proxy event API Gateway would send the function.</summary>
public static class ProxyEventBuilder
{
    public const string Stage = "prod";
    public const string ApiId = "local";
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <param name="claims">The authorizer's claims of the caller, for <c>requestContext.authorizer.claims</c>; null on an open route.</param>
    public static async Task<APIGatewayProxyRequest> BuildAsync(HttpContext http, RouteMatch route, Dictionary<string, string>? claims, CancellationToken cancellationToken)
    {
        var request = http.Request;
        var now = DateTimeOffset.UtcNow;
        var (body, isBase64) = await BodyAsync(request, cancellationToken);
        var requestId = Guid.NewGuid().ToString();
        var headers = Forwarded(http).ToList();
        return new APIGatewayProxyRequest
        {
            Resource = route.Resource,
            Path = request.Path.Value,
            HttpMethod = request.Method,
            Headers = Single(headers),
            MultiValueHeaders = Multi(headers),
            QueryStringParameters = Single(request.Query.Select(q => (q.Key, q.Value))),
            MultiValueQueryStringParameters = Multi(request.Query.Select(q => (q.Key, q.Value))),
            PathParameters = route.PathParameters.Count == 0 ? null : route.PathParameters.ToDictionary(p => p.Key, p => (string?)p.Value),
            RequestContext = new APIGatewayProxyRequest.ProxyRequestContext
            {
                AccountId = LocalAws.AccountId,
                ApiId = ApiId,
                ResourceId = ApiId,
                ResourcePath = route.Resource,
                HttpMethod = request.Method,
                Path = $"/{Stage}{request.Path.Value}",
                Stage = Stage,
                RequestId = requestId,
                ExtendedRequestId = requestId,
                RequestTime = now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
                RequestTimeEpoch = now.ToUnixTimeMilliseconds(),
                DomainName = request.Host.Value,
                DomainPrefix = request.Host.Host,
                Protocol = request.Protocol,
                Identity = new APIGatewayProxyRequest.RequestIdentity
                {
                    SourceIp = http.Connection.RemoteIpAddress?.ToString(),
                    UserAgent = request.Headers.UserAgent.ToString(),
                },
                Authorizer = claims is null ? null : new APIGatewayCustomAuthorizerContext { Claims = claims },
            },
            Body = body,
            IsBase64Encoded = isBase64,
        };
    }

    /// <summary>
    /// The request's headers with the ones API Gateway sets on every request: how the client reached it (which decides
    /// whether a cookie is kept to HTTPS), on which port, and from where (appended to any the client sent).
    /// </summary>
    private static IEnumerable<(string Key, StringValues Values)> Forwarded(HttpContext http)
    {
        string[] set = ["X-Forwarded-Proto", "X-Forwarded-Port", "X-Forwarded-For"];
        foreach (var header in http.Request.Headers)
        {
            if (!set.Contains(header.Key, StringComparer.OrdinalIgnoreCase))
                yield return (header.Key, header.Value);
        }
        yield return ("X-Forwarded-Proto", http.Request.Scheme);
        yield return ("X-Forwarded-Port", http.Connection.LocalPort.ToString(CultureInfo.InvariantCulture));
        var client = http.Connection.RemoteIpAddress?.ToString() ?? "";
        yield return ("X-Forwarded-For", http.Request.Headers["X-Forwarded-For"] is { Count: > 0 } sent ? $"{sent}, {client}" : client);
    }

    /// <summary>Text bodies pass as they are; bytes that are not UTF-8 pass base64-encoded, so nothing is silently altered.</summary>
    private static async Task<(string? Body, bool IsBase64)> BodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
            return (null, false);
        var bytes = buffer.ToArray();
        try
        {
            return (StrictUtf8.GetString(bytes), false);
        }
        catch (DecoderFallbackException)
        {
            return (Convert.ToBase64String(bytes), true);
        }
    }

    /// <summary>API Gateway keeps the last of repeated values in the single-value map, and sends null for an empty map.</summary>
    private static Dictionary<string, string?>? Single(IEnumerable<(string Key, StringValues Values)> entries)
    {
        var map = entries.ToDictionary(e => e.Key, e => (string?)e.Values[^1]);
        return map.Count == 0 ? null : map;
    }

    private static Dictionary<string, List<string?>?>? Multi(IEnumerable<(string Key, StringValues Values)> entries)
    {
        var map = entries.ToDictionary(e => e.Key, e => (List<string?>?)e.Values.ToList());
        return map.Count == 0 ? null : map;
    }
}
