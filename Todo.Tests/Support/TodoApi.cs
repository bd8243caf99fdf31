using System.Net;
using System.Text;
using System.Text.Json;

namespace Todo.Tests.Support;

/// <summary>The public API as a client calls it over HTTP; with an ID token, as that signed-in user.</summary>
public sealed class TodoApi(HttpClient http, string? idToken = null)
{
    public Task<ApiResponse> CreateAsync(string text) => SendAsync(HttpMethod.Post, "/api/todos", Json(new { text }));

    public Task<ApiResponse> UpdateAsync(string id, object body) => SendAsync(HttpMethod.Put, $"/api/todos/{id}", Json(body));

    public Task<ApiResponse> DeleteAsync(string id) => SendAsync(HttpMethod.Delete, $"/api/todos/{id}");

    public Task<ApiResponse> GetAsync(string id) => SendAsync(HttpMethod.Get, $"/api/todos/{id}");

    public Task<ApiResponse> ListAsync() => SendAsync(HttpMethod.Get, "/api/todos");

    public Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body = null) => SendWithHeaderAsync(method, path, body, null, null);

    public Task<ApiResponse> SendWithHeaderAsync(HttpMethod method, string path, string? body, string? header, string? value) =>
        SendWithHeadersAsync(method, path, body, header is null ? [] : [new(header, value)]);

    public async Task<ApiResponse> SendWithHeadersAsync(HttpMethod method, string path, string? body, IEnumerable<KeyValuePair<string, string?>> headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        if (idToken is not null)
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {idToken}");
        foreach (var (name, value) in headers)
            request.Headers.TryAddWithoutValidation(name, value);
        return await ApiResponse.ReadAsync(await http.SendAsync(request));
    }

    /// <summary>Reads until <paramref name="condition"/> holds, for at most ten seconds.</summary>
    public async Task<ApiResponse> EventuallyAsync(Func<TodoApi, Task<ApiResponse>> read, Func<ApiResponse, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var response = await read(this);
            if (condition(response))
                return response;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The read side never showed the change; last answer {(int)response.Status} {response.Body}");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Waits until the read table holds the todo as <paramref name="condition"/> wants it, as the list shows it to a
    /// client without cookies (so this client must keep none): a read by id comes from the events, so only the list
    /// waits for the projection.
    /// </summary>
    /// <returns>The todo as listed.</returns>
    public async Task<JsonElement> ProjectedAsync(string id, Func<JsonElement, bool>? condition = null)
    {
        var list = await EventuallyAsync(a => a.ListAsync(), r => IsOk(r) && Listed(r, id) is { } item && (condition?.Invoke(item) ?? true));
        return Listed(list, id)!.Value;
    }

    /// <summary>Waits until the read table no longer lists the todo: its deletion is projected.</summary>
    public Task UnlistedAsync(string id) => EventuallyAsync(a => a.ListAsync(), r => IsOk(r) && Listed(r, id) is null);

    private static JsonElement? Listed(ApiResponse list, string id) =>
        list.Body.EnumerateArray().Where(item => item.GetProperty("id").GetString() == id).Select(item => (JsonElement?)item).FirstOrDefault();

    public async Task<List<string>> ListedIdsAsync() =>
        (await ListAsync()).Body.EnumerateArray().Select(item => item.GetProperty("id").GetString()!).ToList();

    /// <summary>Deletes every listed todo until the (eventually consistent) list is empty: for tests that count the whole list.</summary>
    public Task DeleteEveryTodoAsync() =>
        EventuallyAsync(async a =>
        {
            // A todo deleted but still listed (the projection lags) answers 404 here, which is fine.
            foreach (var id in await a.ListedIdsAsync())
                await a.DeleteAsync(id);
            return await a.ListAsync();
        }, r => IsOk(r) && r.Body.GetArrayLength() == 0);

    private static string Json(object body) => JsonSerializer.Serialize(body);

    public static bool IsOk(ApiResponse response) => response.Status == HttpStatusCode.OK;
}
