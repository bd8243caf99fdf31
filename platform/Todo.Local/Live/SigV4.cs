using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime.Internal.Auth;
using Microsoft.AspNetCore.Http.Features;

namespace Todo.Local.Live;

/// <summary>
/// Checks a request's AWS Signature Version 4 as API Gateway's management API does: signed for <c>execute-api</c> in the
/// local region with the local credentials (and their session token, when the signer sent one), within 15 minutes of
/// now, over the body as received. Signers differ in how they encode a path's canonical form (once, twice or not at
/// all for an id such as <c>@connections/AbC=</c>); each form is tried, and every one needs the secret key.
/// </summary>
public static class SigV4
{
    public const string Service = "execute-api";
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(15);

    public static bool IsSigned(HttpContext http, byte[] body, DateTimeOffset now)
    {
        var request = http.Request;
        var authorization = request.Headers.Authorization.ToString();
        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
            return false;
        var fields = authorization[(Algorithm.Length + 1)..].Split(',', StringSplitOptions.TrimEntries)
            .Select(f => f.Split('=', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1]);
        if (fields.GetValueOrDefault("Credential")?.Split('/') is not [var key, var day, var region, Service, "aws4_request"]
            || key != LocalAws.AccessKey || region != LocalAws.Region
            || fields.GetValueOrDefault("SignedHeaders") is not { Length: > 0 } signedHeaders
            || fields.GetValueOrDefault("Signature") is not { Length: 64 } signature)
            return false;
        if (!DateTime.TryParseExact(request.Headers["X-Amz-Date"].ToString(), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt)
            || signedAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture) != day
            || (now - new DateTimeOffset(signedAt, TimeSpan.Zero)).Duration() > Skew)
            return false;
        var names = signedHeaders.Split(';');
        if (!names.Contains("host") || !names.Contains("x-amz-date")
            || request.Headers["X-Amz-Security-Token"].ToString() is { Length: > 0 } token && (token != LocalAws.SessionToken || !names.Contains("x-amz-security-token")))
            return false;
        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));
        if (request.Headers["X-Amz-Content-SHA256"].ToString() is { Length: > 0 } claimed && claimed != payloadHash)
            return false;
        var headers = string.Concat(names.Select(name => $"{name}:{HeaderValue(request, name)}\n"));
        var query = string.Join('&', request.Query.SelectMany(q => q.Value.Select(v => (Key: Uri.EscapeDataString(q.Key), Value: Uri.EscapeDataString(v ?? ""))))
            .OrderBy(q => q.Key, StringComparer.Ordinal).ThenBy(q => q.Value, StringComparer.Ordinal).Select(q => $"{q.Key}={q.Value}"));
        var expected = Encoding.ASCII.GetBytes(signature);
        return CanonicalPaths(http).Any(path =>
        {
            var canonical = string.Join('\n', request.Method, path, query, headers, signedHeaders, payloadHash);
            var computed = AWS4Signer.ComputeSignature(key, LocalAws.SecretKey, region, signedAt, Service, signedHeaders, canonical).Signature;
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(computed), expected);
        });
    }

    private static string HeaderValue(HttpRequest request, string name) =>
        name == "host" ? request.Host.Value ?? "" : string.Join(',', request.Headers[name].Select(v => string.Join(' ', (v ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))));

    private static IEnumerable<string> CanonicalPaths(HttpContext http)
    {
        var raw = http.Features.Get<IHttpRequestFeature>()?.RawTarget?.Split('?')[0] ?? http.Request.Path.Value ?? "/";
        var segments = (http.Request.Path.Value ?? "/").Split('/');
        var once = string.Join('/', segments.Select(Uri.EscapeDataString));
        var twice = string.Join('/', segments.Select(s => Uri.EscapeDataString(Uri.EscapeDataString(s))));
        return new[] { raw, once, twice }.Distinct();
    }
}
