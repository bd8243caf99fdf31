using System.Text.Json;

namespace Todo.Local.Cognito;

/// <summary>
/// Cognito generates every user's <c>sub</c> (a UUID) and lets no request write it: a SignUp or AdminCreateUser
/// naming it in <c>UserAttributes</c> is refused with <c>InvalidParameterException</c>. cognito-local keeps the value
/// given instead, and a user's list is the partition of their <c>sub</c>, so a chosen one could name another user's
/// list. (cognito-local refuses an update of it itself: <c>sub</c> is immutable in its schema.)
/// </summary>
public static class GeneratedSub
{
    private static readonly string[] CreatingActions = ["SignUp", "AdminCreateUser"];

    /// <param name="target">
    /// The request's <c>X-Amz-Target</c>. cognito-local routes by the part after its first dot, whatever the service before it, and so does this.
    /// </param>
    /// <returns>The error type and message Cognito answers the request with; null when it may go to cognito-local as it is.</returns>
    public static (string Type, string Message)? Refusal(string? target, ReadOnlyMemory<byte> body)
    {
        if (target?.Split('.') is not [_, var action, ..] || !CreatingActions.Contains(action, StringComparer.Ordinal))
            return null;
        try
        {
            using var request = JsonDocument.Parse(body);
            return NamesSub(request.RootElement) ? ("InvalidParameterException", "Cannot modify the non-mutable attribute sub") : null;
        }
        catch (JsonException)
        {
            // Unread, it could not be checked: refused as Cognito refuses a body that is not JSON.
            return ("SerializationException", "The request body is not valid JSON.");
        }
    }

    /// <summary>
    /// Looks at every <c>UserAttributes</c> and every <c>Name</c> in them: a key may be repeated, and cognito-local
    /// (JSON.parse) takes the last where a first-match reader would take the first.
    /// </summary>
    private static bool NamesSub(JsonElement request) =>
        request.ValueKind == JsonValueKind.Object && request.EnumerateObject()
            .Where(property => property.NameEquals("UserAttributes") && property.Value.ValueKind == JsonValueKind.Array)
            .SelectMany(property => property.Value.EnumerateArray())
            .Where(attribute => attribute.ValueKind == JsonValueKind.Object)
            .SelectMany(attribute => attribute.EnumerateObject())
            .Any(field => field.NameEquals("Name") && field.Value.ValueKind == JsonValueKind.String && field.Value.ValueEquals("sub"));
}
