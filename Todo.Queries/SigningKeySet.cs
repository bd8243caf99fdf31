using System.Text.Json.Serialization;

namespace Todo.Queries;

/// <summary>A user pool's JWKS (<c>&lt;issuer&gt;/.well-known/jwks.json</c>): its RSA public keys by id.</summary>
public sealed record SigningKeySet([property: JsonPropertyName("keys")] List<SigningKeySet.Key>? Keys)
{
    /// <param name="Modulus">n, base64url.</param>
    /// <param name="Exponent">e, base64url.</param>
    public sealed record Key(
        [property: JsonPropertyName("kid")] string? KeyId,
        [property: JsonPropertyName("kty")] string? KeyType,
        [property: JsonPropertyName("n")] string? Modulus,
        [property: JsonPropertyName("e")] string? Exponent);
}
