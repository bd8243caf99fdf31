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
    public async Task A_repeated_update_replays_whatever_the_bodys_whitespace_field_order_or_read_only_fields()
    {
        var id = (await api.CreateAsync("Same command")).Text("id");
        var key = Guid.NewGuid().ToString();
        var first = await SendAsync(HttpMethod.Put, $"/api/todos/{id}", """{"text":"Renamed","completed":true}""", key);
        var events = (await fixture.EventsOfAsync(Guid.Parse(id))).Events.Count;

        var again = new[]
        {
            """{ "completed" : true, "text" : "Renamed" }""",
            """{"text":"  Renamed  ","completed":true}""",
            $$"""{"id":"{{id}}","text":"Renamed","completed":true,"createdAt":"2020-01-01T00:00:00.000Z"}""",
        };
        foreach (var body in again)
        {
            var replayed = await SendAsync(HttpMethod.Put, $"/api/todos/{id}", body, key);
            Assert.Equal(HttpStatusCode.OK, replayed.Status);
            Assert.Equal("true", replayed.Header("Idempotent-Replayed"));
            Assert.Equal(first.Body.GetRawText(), replayed.Body.GetRawText());
        }
        Assert.Equal(events, (await fixture.EventsOfAsync(Guid.Parse(id))).Events.Count);
    }

    [Fact]
    public async Task A_key_reused_for_another_update_or_another_todo_is_422_and_writes_nothing()
    {
        var id = (await api.CreateAsync("First target")).Text("id");
        var other = (await api.CreateAsync("Second target")).Text("id");
        var key = Guid.NewGuid().ToString();
        await SendAsync(HttpMethod.Put, $"/api/todos/{id}", """{"completed":true}""", key);
        var before = await fixture.CountEventsAsync();

        var otherCommand = await SendAsync(HttpMethod.Put, $"/api/todos/{id}", """{"completed":true,"text":"First target"}""", key);
        var otherTodo = await SendAsync(HttpMethod.Put, $"/api/todos/{other}", """{"completed":true}""", key);

        Assert.Equal((HttpStatusCode)422, otherCommand.Status);
        Assert.Equal((HttpStatusCode)422, otherTodo.Status);
        Assert.Equal(before, await fixture.CountEventsAsync());
    }

    public static TheoryData<byte[]> BodiesThatAreNotJson => new()
    {
        Encoding.UTF8.GetBytes("{not json"),
        Encoding.UTF8.GetBytes("[1,2"),
        Encoding.UTF8.GetBytes("""{"text":"a","text":"b"}"""),
        // Not UTF-8, so API Gateway passes it base64-encoded.
        new byte[] { 0x7B, 0xFF, 0xFE, 0xC3, 0x28, 0x7D },
    };

    /// <summary>A DELETE's body is not read, as the original app ignores it: a body that is not JSON changes nothing, with a key or without.</summary>
    [Theory]
    [MemberData(nameof(BodiesThatAreNotJson))]
    public async Task A_delete_with_a_key_and_a_body_that_is_not_JSON_is_200_and_its_repeat_replays(byte[] body)
    {
        var id = (await api.CreateAsync("Deleted with a body")).Text("id");
        var key = Guid.NewGuid().ToString();

        var first = await SendBytesAsync(HttpMethod.Delete, $"/api/todos/{id}", body, key);
        var again = await SendBytesAsync(HttpMethod.Delete, $"/api/todos/{id}", body, key);
        var withoutBody = await SendBytesAsync(HttpMethod.Delete, $"/api/todos/{id}", null, key);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal("""{"message":"Todo item deleted successfully"}""", first.Body.GetRawText());
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("true", again.Header("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.OK, withoutBody.Status);
        Assert.Equal("true", withoutBody.Header("Idempotent-Replayed"));
        Assert.Equal(2, (await fixture.EventsOfAsync(Guid.Parse(id))).Events.Count);
    }

    [Fact]
    public async Task A_delete_with_a_key_and_a_base64_body_that_does_not_decode_is_200()
    {
        using var client = DirectInvocation.Client(fixture);
        var id = (await api.CreateAsync("Undecodable body")).Text("id");
        var request = DirectInvocation.Request("DELETE", $"/api/todos/{id}", headers: new() { ["Idempotency-Key"] = Guid.NewGuid().ToString() }, id: id);
        request.Body = "not base64!";
        request.IsBase64Encoded = true;

        var response = await DirectInvocation.InvokeAsync(DirectInvocation.Function(fixture, "delete-todo", client), request);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"message":"Todo item deleted successfully"}""", response.Body);
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
        var create = DirectInvocation.Function(fixture, "create-todo", client, new Dictionary<string, string> { [CommandSettings.IdempotencyExpiryVariable] = "60" }, clock);
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
        var delete = DirectInvocation.Function(fixture, "delete-todo", client, new Dictionary<string, string> { [CommandSettings.IdempotencyExpiryVariable] = "60" }, clock);
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

    private Task<ApiResponse> SendAsync(HttpMethod method, string path, string? body, string key) =>
        SendBytesAsync(method, path, body is null ? null : Encoding.UTF8.GetBytes(body), key);

    private async Task<ApiResponse> SendBytesAsync(HttpMethod method, string path, byte[]? body, string key)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = new("application/json");
        }
        request.Headers.Add("Idempotency-Key", key);
        return await ApiResponse.ReadAsync(await fixture.Http.SendAsync(request));
    }
}
