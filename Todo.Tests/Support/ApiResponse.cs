using System.Net;
using System.Text.Json;

namespace Todo.Tests.Support;

/// <summary>An HTTP answer with its body parsed as JSON (Undefined when there is none).</summary>
public sealed record ApiResponse(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Message)
{
    public static async Task<ApiResponse> ReadAsync(HttpResponseMessage message)
    {
        var text = await message.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return new ApiResponse(message.StatusCode, body, message);
    }

    public string Text(string property) => Body.GetProperty(property).GetString()!;

    public string? Header(string name) =>
        Message.Headers.TryGetValues(name, out var values) || Message.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;
}
