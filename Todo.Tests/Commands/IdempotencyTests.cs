using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Todo.Commands;
using Todo.Lambda.APIGatewayEvents;
using Todo.Tests.Support;

namespace Todo.Tests.Commands;

/// <summary>Idempotency-Key: a retried command has exactly one effect and gets the original answer.</summary>
[Slow]
public sealed class IdempotencyTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private readonly TodoApi api = new(fixture.Http);

    [Fact]
    public async Task A_repeated_create_replays_the_first_answer_and_appends_nothing()
    {
        var key = Guid.NewGuid().ToString();
        var first = await SendAsync(HttpMethod.Post, "/api/todos", """{"text":"Once only"}""", key);
        var before = await fixture.CountEventsAsync();

        // The same payload with other whitespace is the same request.
        var again = await SendAsync(HttpMethod.Post, "/api/todos", """{ "text" : "Once only" }""", key);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Null(first.Header("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        Assert.Equal(first.Body.ToString(), again.Body.ToString());
        Assert.Equal(first.Header("ETag"), again.Header("ETag"));
        Assert.Equal(before, await fixture.CountEventsAsync());
    }

    [Fact]
    public async Task A_key_reused_for_another_payload_is_422_and_writes_nothing()
    {
        var key = Guid.NewGuid().ToString();
        await SendAsync(HttpMethod.Post, "/api/todos", """{"text":"First use"}""", key);
        var before = await fixture.CountEventsAsync();

        var reused = await SendAsync(HttpMethod.Post, "/api/todos", """{"text":"Second use"}""", key);

        Assert.Equal((HttpStatusCode)422, reused.Status);
        Assert.True(reused.Body.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(before, await fixture.CountEventsAsync());
    }

    [Fact]
    public async Task Concurrent_duplicates_have_one_effect_and_all_get_its_answer()
    {
        var key = Guid.NewGuid().ToString();
        var before = await fixture.CountEventsAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => SendAsync(HttpMethod.Post, "/api/todos", """{"text":"Raced"}""", key)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.Status));
        Assert.Single(answers.Select(a => a.Text("id")).Distinct());
        Assert.Single(answers, a => a.Header("Idempotent-Replayed") is null);
        Assert.Equal(before + 1, await fixture.CountEventsAsync());
    }

    [Fact]
    public async Task A_repeated_update_replays_even_after_the_todo_moved_on()
    {
        var id = (await api.CreateAsync("Moving")).Text("id");
        var key = Guid.NewGuid().ToString();
        var first = await SendAsync(HttpMethod.Put, $"/api/todos/{id}", """{"completed":true}""", key);
        await api.UpdateAsync(id, new { completed = false });
        var events = (await fixture.EventsOfAsync(Guid.Parse(id))).Events.Count;

        var again = await SendAsync(HttpMethod.Put, $"/api/todos/{id}", """{"completed":true}""", key);

        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        Assert.True(again.Body.GetProperty("completed").GetBoolean());
        Assert.Equal(first.Body.ToString(), again.Body.ToString());
        Assert.Equal(events, (await fixture.EventsOfAsync(Guid.Parse(id))).Events.Count);
    }

    [Fact]
    public async Task A_repeated_delete_replays_200_instead_of_404()
    {
        var id = (await api.CreateAsync("Deleted once")).Text("id");
        var key = Guid.NewGuid().ToString();

        var first = await SendAsync(HttpMethod.Delete, $"/api/todos/{id}", null, key);
        var again = await SendAsync(HttpMethod.Delete, $"/api/todos/{id}", null, key);
        var unkeyed = await api.DeleteAsync(id);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.NotFound, unkeyed.Status);
    }

    [Fact]
    public async Task Without_a_key_each_POST_creates_a_new_todo()
    {
        var first = await api.CreateAsync("Twice");
        var second = await api.CreateAsync("Twice");

        Assert.NotEqual(first.Text("id"), second.Text("id"));
    }

    public static TheoryData<string> MalformedKeys => ["", "has space", new string('k', 256)];

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public async Task A_malformed_key_is_400_and_writes_nothing(string key)
    {
        var before = await fixture.CountEventsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/todos") { Content = new StringContent("""{"text":"x"}""", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await ApiResponse.ReadAsync(await fixture.Http.SendAsync(request));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.True(response.Body.GetProperty("errors").TryGetProperty("Idempotency-Key", out _));
        Assert.Equal(before, await fixture.CountEventsAsync());
    }

    [Fact]
    public async Task A_doubled_key_is_400()
    {
        using var client = DirectInvocation.Client(fixture);
        var request = DirectInvocation.Request("POST", "/api/todos", new { text = "x" });
        // Two header lines, as API Gateway passes them in the multi-value map.
        request.Headers!["Idempotency-Key"] = "b";
        request.MultiValueHeaders!["Idempotency-Key"] = ["a", "b"];

        var response = await DirectInvocation.InvokeAsync(DirectInvocation.Function(fixture, "create-todo", client), request);

        Assert.Equal(400, response.StatusCode);
        Assert.Contains("\"Idempotency-Key\":\"is given more than once\"", response.Body);
    }

    /// <summary>The record's own expiry is what counts (TTL may take days to remove it), read against the function's clock.</summary>
    [Fact]
    public async Task An_expired_record_no_longer_replays()
    {
        using var client = DirectInvocation.Client(fixture);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var create = DirectInvocation.Function(fixture, "create-todo", client, new Dictionary<string, string> { [CommandFunction.IdempotencyExpiryVariable] = "60" }, clock);
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        Task<APIGatewayProxyResponse> CreateAsync() => DirectInvocation.InvokeAsync(create, DirectInvocation.Request("POST", "/api/todos", new { text = "Short memory" }, headers));

        var first = await CreateAsync();
        clock.Advance(TimeSpan.FromSeconds(60));
        var atExpiry = await CreateAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterExpiry = await CreateAsync();

        // Valid through the whole second it expires in, as Powertools reads it.
        Assert.Equal(first.Body, atExpiry.Body);
        Assert.Equal("true", atExpiry.Headers!["Idempotent-Replayed"]);
        Assert.NotEqual(first.Body, afterExpiry.Body);
        Assert.False(afterExpiry.Headers!.ContainsKey("Idempotent-Replayed"));
    }

    /// <summary>A request that writes nothing finds its record by lookup; past the expiry the lookup no longer counts it.</summary>
    [Fact]
    public async Task An_expired_record_is_not_replayed_for_a_request_that_writes_nothing()
    {
        using var client = DirectInvocation.Client(fixture);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var delete = DirectInvocation.Function(fixture, "delete-todo", client, new Dictionary<string, string> { [CommandFunction.IdempotencyExpiryVariable] = "60" }, clock);
        var id = (await api.CreateAsync("Deleted with a key")).Text("id");
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        Task<APIGatewayProxyResponse> DeleteAsync() => DirectInvocation.InvokeAsync(delete, DirectInvocation.Request("DELETE", $"/api/todos/{id}", null, headers, id));

        var first = await DeleteAsync();
        clock.Advance(TimeSpan.FromSeconds(60));
        var atExpiry = await DeleteAsync();
        clock.Advance(TimeSpan.FromSeconds(1));
        var afterExpiry = await DeleteAsync();

        Assert.Equal(200, first.StatusCode);
        Assert.Equal((200, "true"), (atExpiry.StatusCode, atExpiry.Headers!["Idempotent-Replayed"]));
        Assert.Equal(404, afterExpiry.StatusCode);
    }

    private async Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body, string key)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        request.Headers.Add("Idempotency-Key", key);
        return await ApiResponse.ReadAsync(await fixture.Http.SendAsync(request));
    }
}
