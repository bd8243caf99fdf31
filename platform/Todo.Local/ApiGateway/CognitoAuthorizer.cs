using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Todo.Local.ApiGateway;

/// <summary>
/// Checks a request's token as API Gateway's Cognito user-pool authorizer does: an ID token of the pool
/// (<c>Bearer</c> or bare, in the authorizer's header), RS256-signed by a key of the pool's JWKS, issued
/// by the pool (<c>iss</c>), <c>token_use</c> <c>id</c>, not expired (with <see cref="ClockSkew"/>), and with an
/// <c>aud</c> (the app client) that the authorizer's identity validation expression matches, when it has one. Its claims go to the function in <c>requestContext.authorizer.claims</c>,
/// rendered as API Gateway renders them.
/// </summary>
public sealed class CognitoAuthorizer
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    private const string Bearer = "Bearer ";
    private readonly JsonWebTokenHandler handler = new();
    private readonly TokenValidationParameters parameters;
    private readonly Regex? audience;

    /// <param name="audience">The identity validation expression, which API Gateway matches a Cognito token's <c>aud</c> against; null checks no <c>aud</c>.</param>
    public CognitoAuthorizer(string header, string issuer, Regex? audience, IEnumerable<SecurityKey> keys)
    {
        Header = header;
        this.audience = audience;
        parameters = new TokenValidationParameters
        {
            ValidIssuer = issuer,
            ValidateAudience = false,
            IssuerSigningKeys = keys.ToList(),
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = ClockSkew,
        };
    }

    /// <summary>The request header the token is read from.</summary>
    public string Header { get; }

    /// <summary>The pool's issuer is its endpoint and id; its JWKS is at <c>/&lt;poolId&gt;/.well-known/jwks.json</c>.</summary>
    public static async Task<CognitoAuthorizer> CreateAsync(HttpClient http, Uri endpoint, string poolId, Regex? audience, string header, CancellationToken cancellationToken)
    {
        var jwks = await http.GetStringAsync(new Uri(endpoint, $"{poolId}/.well-known/jwks.json"), cancellationToken);
        return new CognitoAuthorizer(header, $"{endpoint.GetLeftPart(UriPartial.Authority)}/{poolId}", audience, new JsonWebKeySet(jwks).GetSigningKeys());
    }

    /// <returns>The token's claims as API Gateway passes them; null for anything but a valid ID token of the pool's client.</returns>
    public async Task<Dictionary<string, string>?> AuthorizeAsync(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        var token = value.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? value[Bearer.Length..].Trim() : value.Trim();
        try
        {
            if (!handler.CanReadToken(token))
                return null;
            var result = await handler.ValidateTokenAsync(token, parameters);
            if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
                return null;
            if (!jwt.TryGetPayloadValue<string>("token_use", out var use) || use != "id")
                return null;
            if (audience is not null && !(jwt.TryGetPayloadValue<string>("aud", out var aud) && audience.IsMatch(aud)))
                return null;
            return Claims(jwt);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenException or FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>Every claim as a string: numbers as written, booleans as <c>true</c>/<c>false</c>, <c>exp</c> and <c>iat</c> as <c>Wed Dec 02 01:23:45 UTC 2026</c>.</summary>
    private static Dictionary<string, string> Claims(JsonWebToken jwt)
    {
        using var payload = JsonDocument.Parse(Base64UrlEncoder.Decode(jwt.EncodedPayload));
        var claims = new Dictionary<string, string>();
        foreach (var claim in payload.RootElement.EnumerateObject())
            claims[claim.Name] = claim.Name is "exp" or "iat" && claim.Value.TryGetInt64(out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("ddd MMM dd HH:mm:ss 'UTC' yyyy", CultureInfo.InvariantCulture)
                : Text(claim.Value);
        return claims;
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        // A list (cognito:groups) reaches the function as one string.
        JsonValueKind.Array => string.Join(',', value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };
}
