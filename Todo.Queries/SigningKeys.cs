using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Todo.Queries;

/// <summary>
/// The pool's public keys, fetched from its JWKS on the first token an instance checks and kept for its life (Cognito
/// publishes a pool's keys once). A failed fetch is not kept: the next token fetches again.
/// </summary>
public sealed class SigningKeys(HttpClient http, Uri jwks)
{
    private Task<Dictionary<string, RSA>>? keys;

    public static Uri JwksOf(string issuer) => new(issuer.TrimEnd('/') + "/.well-known/jwks.json");

    public async Task<RSA?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var loading = keys ??= LoadAsync(cancellationToken);
        try
        {
            return (await loading).GetValueOrDefault(keyId);
        }
        catch
        {
            keys = null;
            throw;
        }
    }

    private async Task<Dictionary<string, RSA>> LoadAsync(CancellationToken cancellationToken)
    {
        await using var body = await http.GetStreamAsync(jwks, cancellationToken);
        var set = await JsonSerializer.DeserializeAsync(body, LiveJsonContext.Default.SigningKeySet, cancellationToken)
            ?? throw new JsonException($"{jwks} holds no key set.");
        var found = new Dictionary<string, RSA>();
        foreach (var key in set.Keys ?? [])
        {
            if (key is { KeyType: "RSA", KeyId: { } id, Modulus: { } n, Exponent: { } e })
                found[id] = RSA.Create(new RSAParameters { Modulus = Base64Url.DecodeFromChars(n), Exponent = Base64Url.DecodeFromChars(e) });
        }
        return found;
    }
}
