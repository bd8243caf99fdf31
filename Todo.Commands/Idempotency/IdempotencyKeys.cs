using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Todo.Adapters.Api;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Commands.Idempotency;

/// <summary>Turns an <c>Idempotency-Key</c> header into a claim, as Powertools does: the record id is the function's scope and the key's MD5.</summary>
public static class IdempotencyKeys
{
    public const int MaxKeyLength = 255;

    /// <returns>The key, or null without the header; <paramref name="errors"/> gets an entry for a malformed or doubled one.</returns>
    public static string? Read(APIGatewayProxyRequest request, Dictionary<string, string> errors)
    {
        var key = RequestHeader.Single(request, Headers.IdempotencyKey, errors);
        if (key is not null && (key.Length is 0 or > MaxKeyLength || key.Any(c => c is < '!' or > '~')))
        {
            errors[Headers.IdempotencyKey] = $"must be 1 to {MaxKeyLength} visible ASCII characters";
            return null;
        }
        return key;
    }

    /// <summary>The claim of a request whose body is known to be valid JSON.</summary>
    public static IdempotencyClaim Claim(string key, string scope, APIGatewayProxyRequest request) =>
        new($"{scope}#{Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(key)))}", Validation(request));

    /// <summary>What the request asked, so that a key reused for another request is caught: method, path and the body without its whitespace.</summary>
    private static string Validation(APIGatewayProxyRequest request)
    {
        using var buffer = new MemoryStream();
        buffer.Write(Encoding.UTF8.GetBytes($"{request.HttpMethod} {request.Path}\n"));
        if (!string.IsNullOrEmpty(request.Body))
        {
            var body = request.IsBase64Encoded ? Convert.FromBase64String(request.Body) : Encoding.UTF8.GetBytes(request.Body);
            using var document = JsonDocument.Parse(body);
            using var writer = new Utf8JsonWriter(buffer);
            document.WriteTo(writer);
        }
        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()));
    }
}
