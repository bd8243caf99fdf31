using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Todo.Http;

namespace Todo.Benchmarks.Api;

/// <summary>The public API as a client calls it over HTTP; every answer is read to its end.</summary>
public sealed class TodoHttp(HttpClient http)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public Task<Answer> CreateAsync(string text) => SendAsync(HttpMethod.Post, "/api/todos", new JsonObject { ["text"] = text });

    public Task<Answer> UpdateAsync(Guid id, string? text, bool? completed)
    {
        var body = new JsonObject();
        if (text is not null)
            body["text"] = text;
        if (completed is { } value)
            body["completed"] = value;
        return SendAsync(HttpMethod.Put, $"/api/todos/{id}", body);
    }

    public Task<Answer> DeleteAsync(Guid id) => SendAsync(HttpMethod.Delete, $"/api/todos/{id}", null);

    public Task<Answer> GetAsync(Guid id) => SendAsync(HttpMethod.Get, $"/api/todos/{id}", null);

    /// <summary>The API's description: the one route that takes no token.</summary>
    public Task<Answer> OpenApiAsync() => SendAsync(HttpMethod.Get, "/api/openapi.json", null);

    /// <param name="query">The query string without its <c>?</c>, or empty.</param>
    public Task<Answer> ListAsync(string query = "") => SendAsync(HttpMethod.Get, query.Length == 0 ? "/api/todos" : "/api/todos?" + query, null);

    private async Task<Answer> SendAsync(HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, Json);
        using var response = await http.SendAsync(request);
        var content = await response.Content.ReadAsByteArrayAsync();
        var token = response.Headers.TryGetValues(Headers.VersionToken, out var values)
            ? VersionToken.ParseList(values.Single())?.SingleOrDefault()
            : null;
        return new Answer((int)response.StatusCode, token, content);
    }
}

/// <summary>An HTTP answer: its status, the version token it carries (commands and item reads), and its body.</summary>
public sealed record Answer(int Status, VersionToken? Token, byte[] Body)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public bool IsServerError => Status >= 500;

    /// <summary>How many items a list answer holds.</summary>
    public int ItemCount() => JsonNode.Parse(Body)?.AsArray().Count ?? 0;
}
