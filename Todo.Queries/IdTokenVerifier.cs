using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Todo.Queries;

/// <summary>
/// Checks an ID token as API Gateway's Cognito user-pool authorizer checks the REST API's: RS256-signed by a key of the
/// pool's JWKS, issued by the pool, <c>token_use</c> <c>id</c>, not expired, and for the web app's client (<c>aud</c>).
/// Written on System.Security.Cryptography and source-generated JSON, so the function stays clean under Native AOT.
/// </summary>
public sealed class IdTokenVerifier(string issuer, string clientId, SigningKeys keys, TimeProvider clock)
{
    /// <returns>The user's <c>sub</c> (a UUID, as Cognito gives every user); null for anything but a valid ID token.</returns>
    public async Task<string?> VerifyAsync(string token, CancellationToken cancellationToken)
    {
        if (token.Split('.') is not [var header, var payload, var signature])
            return null;
        TokenHeader? head;
        IdTokenClaims? claims;
        byte[] signed;
        try
        {
            head = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(header), LiveJsonContext.Default.TokenHeader);
            claims = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(payload), LiveJsonContext.Default.IdTokenClaims);
            signed = Base64Url.DecodeFromChars(signature);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
        if (head is not { Algorithm: "RS256", KeyId: { } keyId } || claims is null)
            return null;
        if (await keys.FindAsync(keyId, cancellationToken) is not { } key
            || !key.VerifyData(Encoding.ASCII.GetBytes($"{header}.{payload}"), signed, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            return null;
        var valid = claims.Issuer == issuer
            && claims.TokenUse == "id"
            && claims.Audience == clientId
            && claims.Expires > clock.GetUtcNow().ToUnixTimeSeconds()
            && Guid.TryParseExact(claims.Subject, "D", out _);
        return valid ? claims.Subject : null;
    }
}
