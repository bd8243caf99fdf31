using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Todo.Domain;
using Todo.Harness.Seeding;
using Todo.Local;
using Todo.Queries;
using Todo.Store.ReadTable;
using Todo.Tests.Deployment;
using Todo.Tests.Support;

namespace Todo.Tests.Queries;

/// <summary><c>GET /api/todos/{id}/events</c> and <c>GET /api/todos/{id}?asOfVersion=|asOf=</c>: a todo's history and time travel over it.</summary>
[Slow]
public sealed class HistoryTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private readonly TodoApi api = new(fixture.Http);

    /// <summary>Six versions: created, renamed, completed, renamed and reopened in one PUT (two events), deleted.</summary>
    private async Task<(string Id, List<ApiResponse> Answers)> LivedTodoAsync()
    {
        var created = await api.CreateAsync("Buy milk");
        var id = created.Text("id");
        var answers = new List<ApiResponse> { created };
        await Task.Delay(5);
        answers.Add(await api.UpdateAsync(id, new { text = "Buy oat milk" }));
        await Task.Delay(5);
        answers.Add(await api.UpdateAsync(id, new { completed = true }));
        await Task.Delay(5);
        answers.Add(await api.UpdateAsync(id, new { text = "Buy soy milk", completed = false }));
        await Task.Delay(5);
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync(id)).Status);
        return (id, answers);
    }

    private static List<(long Version, string Type, string OccurredAt, string Data)> Events(ApiResponse response) =>
        response.Body.EnumerateArray().Select(e =>
        {
            Assert.Equal(["version", "type", "occurredAt", "data"], e.EnumerateObject().Select(p => p.Name));
            return (e.GetProperty("version").GetInt64(), e.GetProperty("type").GetString()!, e.GetProperty("occurredAt").GetString()!, e.GetProperty("data").GetRawText());
        }).ToList();

    [Fact]
    public async Task The_events_are_the_todos_history_in_order_and_stay_readable_after_it_is_deleted()
    {
        var (id, answers) = await LivedTodoAsync();

        var history = await api.SendAsync(HttpMethod.Get, $"/api/todos/{id}/events");

        Assert.Equal(HttpStatusCode.OK, history.Status);
        Assert.Null(history.Header("X-Next-Cursor"));
        var events = Events(history);
        Assert.Equal([1L, 2, 3, 4, 5, 6], events.Select(e => e.Version));
        Assert.Equal(["TodoCreated", "TodoTextChanged", "TodoCompleted", "TodoTextChanged", "TodoReopened", "TodoDeleted"], events.Select(e => e.Type));
        var createdAt = answers[0].Text("createdAt");
        Assert.Equal([$$"""{"text":"Buy milk","createdAt":"{{createdAt}}"}""", """{"text":"Buy oat milk"}""", "{}", """{"text":"Buy soy milk"}""", "{}", "{}"], events.Select(e => e.Data));
        Assert.True(string.CompareOrdinal(createdAt, events[0].OccurredAt) <= 0);
        // One PUT's two events share their time; times never go back.
        Assert.Equal(events[3].OccurredAt, events[4].OccurredAt);
        Assert.Equal(events.Select(e => e.OccurredAt).Order(StringComparer.Ordinal), events.Select(e => e.OccurredAt));
        // The same as the events table holds.
        var stored = (await fixture.EventsOfAsync(Guid.Parse(id))).Events;
        Assert.Equal(stored.Select(e => (e.Version, e.Event.GetType().Name, Timestamp.ToText(e.OccurredAt))), events.Select(e => (e.Version, e.Type, e.OccurredAt)));
    }

    [Fact]
    public async Task The_events_page_like_the_list()
    {
        var (id, _) = await LivedTodoAsync();
        var whole = Events(await api.SendAsync(HttpMethod.Get, $"/api/todos/{id}/events"));

        var paged = new List<(long, string, string, string)>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await api.SendAsync(HttpMethod.Get, $"/api/todos/{id}/events?limit=4" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            paged.AddRange(Events(page));
            cursor = page.Header("X-Next-Cursor");
            pages++;
        } while (cursor is not null && pages < 5);

        Assert.Equal(whole, paged);
        Assert.Equal(2, pages);
    }

    [Fact]
    public async Task A_cursor_of_another_todos_history_is_400()
    {
        var (id, _) = await LivedTodoAsync();
        var other = (await api.CreateAsync("Another history")).Text("id");
        var cursor = (await api.SendAsync(HttpMethod.Get, $"/api/todos/{id}/events?limit=1")).Header("X-Next-Cursor");

        var response = await api.SendAsync(HttpMethod.Get, $"/api/todos/{other}/events?limit=1&cursor={cursor}");

        Assert.NotNull(cursor);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("is not a cursor this API gave out", response.Body.GetProperty("errors").GetProperty("cursor").GetString());
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("cursor=MA", "cursor")]
    public async Task A_bad_limit_or_cursor_on_the_events_is_400(string query, string field)
    {
        var id = (await api.CreateAsync("Paged")).Text("id");

        var response = await api.SendAsync(HttpMethod.Get, $"/api/todos/{id}/events?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.True(response.Body.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Theory]
    [InlineData("/events")]
    [InlineData("/events?limit=10&cursor={cursor}")]
    [InlineData("?asOfVersion=1")]
    [InlineData("?asOf=2030-01-01T00:00:00Z")]
    public async Task An_unknown_or_malformed_id_is_404_on_the_history_routes(string route)
    {
        foreach (var id in new[] { Guid.NewGuid().ToString(), "not-a-uuid" })
        {
            // A cursor as the API would give it out for that id's history: well formed, so only the id can answer.
            var cursor = ListPage.Encode("1", $"{TodoTable.DefaultList}/{id}");
            var response = await api.SendAsync(HttpMethod.Get, $"/api/todos/{id}{route.Replace("{cursor}", cursor)}");

            Assert.Equal(HttpStatusCode.NotFound, response.Status);
            Assert.Equal("Todo item not found", response.Text("message"));
        }
    }

    [Fact]
    public async Task As_of_a_version_is_the_item_after_that_many_events_and_a_deleted_todo_stays_readable_so()
    {
        var (id, answers) = await LivedTodoAsync();

        // Versions 1 to 5 are what the commands answered: version 4 is the renamed, still completed todo within the last PUT.
        var expected = new[] { answers[0], answers[1], answers[2], null, answers[3] };
        for (var version = 1; version <= 5; version++)
        {
            var asOf = await api.SendAsync(HttpMethod.Get, $"/api/todos/{id}?asOfVersion={version}");
            Assert.Equal(HttpStatusCode.OK, asOf.Status);
            Assert.Equal($"\"{version}\"", asOf.Header("ETag"));
            Assert.Equal($"{id}:{version}", asOf.Header("X-Version-Token"));
            if (expected[version - 1] is { } answer)
                Assert.Equal(answer.Body.GetRawText(), asOf.Body.GetRawText());
            else
                Assert.Equal(("Buy soy milk", true), (asOf.Text("text"), asOf.Body.GetProperty("completed").GetBoolean()));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Get, $"/api/todos/{id}?asOfVersion=6")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Get, $"/api/todos/{id}?asOfVersion=99")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(id)).Status);
    }

    [Fact]
    public async Task As_of_a_time_is_the_item_after_the_events_that_had_occurred_by_then()
    {
        var (id, answers) = await LivedTodoAsync();
        var events = Events(await api.SendAsync(HttpMethod.Get, $"/api/todos/{id}/events"));
        var times = events.Select(e => Timestamp.Parse(e.OccurredAt)).ToList();

        async Task<ApiResponse> AsOf(DateTimeOffset time, string format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'") =>
            await api.SendAsync(HttpMethod.Get, $"/api/todos/{id}?asOf={Uri.EscapeDataString(time.UtcDateTime.ToString(format, System.Globalization.CultureInfo.InvariantCulture))}");

        Assert.Equal(HttpStatusCode.NotFound, (await AsOf(times[0].AddMilliseconds(-1))).Status);
        Assert.Equal(answers[0].Body.GetRawText(), (await AsOf(times[0])).Body.GetRawText());
        Assert.Equal(answers[1].Body.GetRawText(), (await AsOf(times[2].AddMilliseconds(-1))).Body.GetRawText());
        Assert.Equal(answers[2].Body.GetRawText(), (await AsOf(times[2])).Body.GetRawText());
        // Both events of the last PUT occurred at once: the time shows them together.
        var last = await AsOf(times[3]);
        Assert.Equal(answers[3].Body.GetRawText(), last.Body.GetRawText());
        Assert.Equal("\"5\"", last.Header("ETag"));
        Assert.Equal(HttpStatusCode.NotFound, (await AsOf(times[5])).Status);

        // Another time zone names the same instant.
        var offset = await api.SendAsync(HttpMethod.Get, $"/api/todos/{id}?asOf={Uri.EscapeDataString(times[2].ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture))}");
        Assert.Equal(answers[2].Body.GetRawText(), offset.Body.GetRawText());
    }

    [Theory]
    [InlineData("asOfVersion=0", "asOfVersion")]
    [InlineData("asOfVersion=-1", "asOfVersion")]
    [InlineData("asOfVersion=two", "asOfVersion")]
    [InlineData("asOf=yesterday", "asOf")]
    [InlineData("asOf=2026-11-25", "asOf")]
    [InlineData("asOf=2026-11-25T14:03:33", "asOf")]
    [InlineData("asOf=2026-13-45T14:03:33Z", "asOf")]
    [InlineData("asOf=2026-11-25T14:03:33Z&asOfVersion=1", "asOf")]
    public async Task A_bad_as_of_is_400(string query, string field)
    {
        var id = (await api.CreateAsync("Then")).Text("id");

        var response = await api.SendAsync(HttpMethod.Get, $"/api/todos/{id}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Invalid request", response.Text("message"));
        Assert.True(response.Body.GetProperty("errors").TryGetProperty(field, out _), response.Body.ToString());
    }

    [Fact]
    public async Task As_of_on_a_long_history_reads_its_newest_item_then_a_few_more_whatever_its_length()
    {
        const int length = 1000;
        var id = (await new HistorySeeder(fixture.App.DynamoDb, fixture.EventsTable).SeedAsync(length)).ToString();
        var recorder = new RecordingHttpClientFactory();
        using var client = new AmazonDynamoDBClient(new BasicAWSCredentials(LocalAws.AccessKey, LocalAws.SecretKey),
            new AmazonDynamoDBConfig { ServiceURL = fixture.App.DynamoDbUrl.ToString(), AuthenticationRegion = LocalAws.Region, HttpClientFactory = recorder });
        var function = DirectInvocation.Function(fixture, "get-todo", client);
        async Task<(string Text, int Reads)> AsOf(string parameter, string value)
        {
            recorder.Calls.Clear();
            var request = DirectInvocation.Request("GET", $"/api/todos/{id}", null, null, id);
            request.QueryStringParameters = new() { [parameter] = value };
            var response = await DirectInvocation.InvokeAsync(function, request);
            var text = response.StatusCode == 200 ? JsonDocument.Parse(response.Body!).RootElement.GetProperty("text").GetString()! : $"{response.StatusCode}";
            return (text, recorder.Calls.Count);
        }

        Assert.Equal((HistorySeeder.TextAt(777), 2), await AsOf("asOfVersion", "777"));
        var (text, reads) = await AsOf("asOf", Timestamp.ToText(HistorySeeder.OccurredAt(500)));
        Assert.Equal(HistorySeeder.TextAt(500), text);
        Assert.InRange(reads, 2, 1 + (int)Math.Ceiling(Math.Log2(length)));
        Assert.Equal((HistorySeeder.TextAt(length), 1), await AsOf("asOf", "2100-01-01T00:00:00Z"));
    }

    [Fact]
    public async Task As_of_reads_the_events_so_it_needs_no_projection()
    {
        var created = await api.CreateAsync("At once");

        var asOf = await api.SendAsync(HttpMethod.Get, $"/api/todos/{created.Text("id")}?asOfVersion=1");

        Assert.Equal(created.Body.GetRawText(), asOf.Body.GetRawText());
        Assert.Equal(JsonValueKind.Array, (await api.SendAsync(HttpMethod.Get, $"/api/todos/{created.Text("id")}/events")).Body.ValueKind);
    }
}
