using System.Net;
using System.Text;
using Todo.Tests.Support;

namespace Todo.Tests.Commands;

/// <summary>Idempotency-Key: a retried command has exactly one effect and gets the original answer.</summary>
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

    [Fact]
    public async Task An_expired_record_no_longer_replays()
    {
        using var client = DirectInvocation.Client(fixture);
        var create = DirectInvocation.Function(fixture, "create-todo", client, new Dictionary<string, string> { ["IDEMPOTENCY_TTL_SECONDS"] = "1" });
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };

        var first = await DirectInvocation.InvokeAsync(create, DirectInvocation.Request("POST", "/api/todos", new { text = "Short memory" }, headers));
        var replayed = await DirectInvocation.InvokeAsync(create, DirectInvocation.Request("POST", "/api/todos", new { text = "Short memory" }, headers));
        await Task.Delay(TimeSpan.FromSeconds(2.1));
        var afterExpiry = await DirectInvocation.InvokeAsync(create, DirectInvocation.Request("POST", "/api/todos", new { text = "Short memory" }, headers));

        Assert.Equal(first.Body, replayed.Body);
        Assert.NotEqual(first.Body, afterExpiry.Body);
        Assert.False(afterExpiry.Headers!.ContainsKey("Idempotent-Replayed"));
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
