using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Todo.Http;
using Todo.Domain.Commands;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Commands.Idempotency;

/// <summary>
/// Turns an <c>Idempotency-Key</c> header into a claim, as Powertools does: the record id is the
/// function's scope and the key's MD5, and each user's keys are their own (the caller is hashed with
/// the key), so two users who happen to send the same key get two independent results.
/// </summary>
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

    /// <summary>The claim of a request whose command has been read.</summary>
    /// <param name="caller">The user who sent it; null on an open API, whose record ids stay as they were.</param>
    public static IdempotencyClaim Claim(string key, string scope, string? caller, Guid todoId, TodoCommand command) =>
        new($"{scope}#{Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(caller is null ? key : $"{caller}#{key}")))}", Validation(todoId, command));

    /// <summary>
    /// What the request asked, so that a key reused for another request is caught: the method, the
    /// todo and the command's fields, as the function has already read them. Nothing of the body is
    /// read again, so no body can make this fail; a body that differs only in whitespace, field order,
    /// ignored fields or text that trims the same asks the same. A create's id is new on every request
    /// and its time is the server's, so neither is part of what it asked.
    /// </summary>
    public static string Validation(Guid todoId, TodoCommand command)
    {
        var canonical = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(canonical))
        {
            writer.WriteStartObject();
            switch (command)
            {
                case CreateTodo create:
                    writer.WriteString("method", "POST");
                    writer.WriteString("text", create.Text.Value);
                    break;
                case UpdateTodo update:
                    writer.WriteString("method", "PUT");
                    writer.WriteString("todo", todoId);
                    if (update.Text is { } text)
                        writer.WriteString("text", text.Value);
                    if (update.Completed is { } completed)
                        writer.WriteBoolean("completed", completed);
                    break;
                case DeleteTodo:
                    writer.WriteString("method", "DELETE");
                    writer.WriteString("todo", todoId);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "is not a command the API takes");
            }
            writer.WriteEndObject();
        }
        return Convert.ToHexStringLower(SHA256.HashData(canonical.WrittenSpan));
    }
}
