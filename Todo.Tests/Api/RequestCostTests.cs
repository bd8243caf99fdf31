using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Todo.Domain;
using Todo.Http;
using Todo.Lambda.Observability.Tracing;
using Todo.Queries;
using Todo.Store.ReadTable;
using Todo.Tests.Support;
using Xunit.Abstractions;

namespace Todo.Tests.Api;

/// <summary>
/// What one request costs in DynamoDB, for every route, with ordinary and hostile inputs: each DynamoDB call a
/// function makes is a subsegment of the request's trace (<see cref="DynamoDbTracing"/>), with its retries and,
/// as the local host asks DynamoDB Local for it, the capacity it consumed. Each input has a ceiling, derived from
/// the route's code, that its requests must stay within, so a route that starts making more calls fails here.
/// docs/api.md ("What a request costs") records the figures this prints.
/// </summary>
[Slow]
public sealed class RequestCostTests(SignInAppFixture fixture, ITestOutputHelper output) : IClassFixture<SignInAppFixture>
{
    /// <summary>The long todo's events: an as-of time is binary searched over this many versions.</summary>
    private const int HistoryLength = 300;

    /// <summary>The owner's todos besides the long one: more than the cookie can hide, so a page is left to answer.</summary>
    private const int ListLength = RecentWritesCookie.MaxWrites + 1;

    /// <summary>The newest item, then one item a step of the binary search over the versions.</summary>
    private static readonly int AsOfTimeCeiling = 1 + (int)Math.Ceiling(Math.Log2(HistoryLength));

    /// <summary>One input to one route, the answer it must get, and the most DynamoDB requests the route's code lets it make.</summary>
    private sealed record Case(string Route, string Input, HttpStatusCode Status, int Ceiling, Func<Task<ApiResponse>> Send);

    /// <param name="Calls">The requests by operation, as <c>Query 2, GetItem 1</c>.</param>
    private sealed record Cost(int Requests, double ReadUnits, double WriteUnits, string Calls);

    private static readonly HashSet<string> Reads = ["GetItem", "Query", "Scan"];

    [Fact]
    public async Task Every_route_stays_within_its_ceiling_of_DynamoDB_requests_whatever_the_input()
    {
        var cases = await CasesAsync();
        var measured = new List<(Case Case, ApiResponse Answer, Cost Cost)>();
        foreach (var input in cases)
        {
            var answer = await input.Send();
            measured.Add((input, answer, await CostAsync(answer)));
        }
        Print(measured);

        Assert.Equal(fixture.App.Template.Functions.SelectMany(f => f.Routes).Select(r => $"{r.Method.ToUpperInvariant()} {r.Path}").Order(),
            cases.Select(c => c.Route).Distinct().Order());
        Assert.All(measured, m =>
        {
            Assert.True(m.Case.Status == m.Answer.Status, $"{m.Case.Route}, {m.Case.Input}: answered {(int)m.Answer.Status}, not {(int)m.Case.Status}.");
            // Every input with a ceiling reads or writes something: none counted would mean the counting broke.
            Assert.True(m.Cost.Requests <= m.Case.Ceiling && (m.Case.Ceiling == 0) == (m.Cost.Requests == 0),
                $"{m.Case.Route}, {m.Case.Input}: {m.Cost.Requests} DynamoDB requests, ceiling {m.Case.Ceiling}.");
        });
    }

    /// <summary>
    /// The inputs, in the order they run, on an owner's list of <see cref="ListLength"/> todos and a todo of
    /// <see cref="HistoryLength"/> events, with a stranger's todo beside them. The ceilings count the read
    /// pointer's GetItem once a page of the list, which may read it (it is cached for two seconds).
    /// </summary>
    private async Task<List<Case>> CasesAsync()
    {
        var user = await fixture.NewUserAsync();
        var owner = user.Api;
        var ownList = TodoTable.ListOf(new JsonWebToken(user.Tokens.IdToken).Subject);
        var stranger = (await fixture.NewUserAsync()).Api;
        var theirs = (await stranger.CreateAsync("Not yours")).Text("id");
        var (longId, history) = await LongHistoryAsync(owner);
        for (var i = 0; i < ListLength; i++)
            Assert.Equal(HttpStatusCode.Created, (await owner.CreateAsync($"Todo {i}")).Status);
        var listed = (await owner.EventuallyAsync(a => a.ListAsync(), r => TodoApi.IsOk(r) && r.Body.GetArrayLength() == ListLength + 1))
            .Body.EnumerateArray().Select(t => Guid.Parse(t.GetProperty("id").GetString()!)).ToList();
        var (toUpdate, toDelete) = (listed[^1].ToString(), listed[^2].ToString());
        var createdAt = Timestamp.Parse(history[0]!["occurredAt"]!.GetValue<string>());
        var newest = Timestamp.Parse(history[^1]!["occurredAt"]!.GetValue<string>());
        var madeUp = Guid.NewGuid().ToString();
        var tokens = Tokens(MinVersions.MaxTokens);
        var key = Guid.NewGuid().ToString();
        const string todos = "/api/todos";
        string Item(string id) => $"{todos}/{id}";
        string At(DateTimeOffset time) => $"?{AsOf.TimeParameter}={Uri.EscapeDataString(Timestamp.ToText(time))}";
        Task<ApiResponse> Send(HttpMethod method, string path, object? body = null, params KeyValuePair<string, string?>[] headers) =>
            owner.SendWithHeadersAsync(method, path, body is null ? null : JsonSerializer.Serialize(body), headers);
        Task<ApiResponse> Get(string path, params KeyValuePair<string, string?>[] headers) => Send(HttpMethod.Get, path, null, headers);
        var unknownFields = Enumerable.Range(0, 2000).ToDictionary(i => $"field{i:D5}", _ => new string('x', 16));

        return
        [
            new("GET /api/todos", "the whole list", HttpStatusCode.OK, 2, () => Get(todos)),
            new("GET /api/todos", "limit=1 and a made-up cursor", HttpStatusCode.OK, 2,
                () => Get($"{todos}?limit=1&cursor={ListPage.Encode(TodoTable.SortKey(Guid.NewGuid(), createdAt), ownList)}")),
            // Each token the page does not show at its version is read from the todo's events: one Query each.
            new("GET /api/todos", $"{MinVersions.MaxTokens} X-Min-Version tokens", HttpStatusCode.OK, 2 + MinVersions.MaxTokens,
                () => Get(todos, tokens)),
            new("GET /api/todos", $"{MinVersions.MaxTokens + 1} X-Min-Version tokens", HttpStatusCode.BadRequest, 0,
                () => Get(todos, Tokens(MinVersions.MaxTokens + 1))),
            // The cookie keeps its last 32 entries; each names a todo created within the page, so each is read too.
            new("GET /api/todos", $"{MinVersions.MaxTokens} tokens and a cookie of 40 new todos", HttpStatusCode.OK,
                2 + MinVersions.MaxTokens + RecentWritesCookie.MaxWrites,
                () => Get(todos, tokens, Cookie(Enumerable.Range(0, 40).Select(_ => $"{Guid.NewGuid():N}:{newest.ToUnixTimeMilliseconds()}")))),
            // A page the cookie empties (its todos deleted) is followed by the next: with limit=1, one page per hidden
            // todo and one more, each its Query and the pointer again once its two seconds are up; each token is read
            // once for the whole request, however many pages it goes through.
            new("GET /api/todos", $"limit=1, a cookie deleting the first {RecentWritesCookie.MaxWrites} and {MinVersions.MaxTokens} tokens", HttpStatusCode.OK,
                (RecentWritesCookie.MaxWrites + 1) * 2 + MinVersions.MaxTokens,
                () => Get($"{todos}?limit=1", tokens, Cookie(listed.Take(RecentWritesCookie.MaxWrites).Select(id => $"{id:N}:x")))),

            new("GET /api/todos/{id}", "the owner's todo", HttpStatusCode.OK, 1, () => Get(Item(longId))),
            new("GET /api/todos/{id}", "someone else's todo", HttpStatusCode.NotFound, 1, () => Get(Item(theirs))),
            new("GET /api/todos/{id}", "a made-up id", HttpStatusCode.NotFound, 1, () => Get(Item(madeUp))),
            // The header is only checked: the item is its newest event whatever the tokens say.
            new("GET /api/todos/{id}", $"{MinVersions.MaxTokens} X-Min-Version tokens", HttpStatusCode.OK, 1, () => Get(Item(longId), tokens)),
            new("GET /api/todos/{id}", $"asOfVersion=1 of {HistoryLength} events", HttpStatusCode.OK, 2, () => Get($"{Item(longId)}?{AsOf.VersionParameter}=1")),
            new("GET /api/todos/{id}", $"asOf before the first of {HistoryLength} events", HttpStatusCode.NotFound, AsOfTimeCeiling,
                () => Get(Item(longId) + At(createdAt.AddDays(-1)))),
            new("GET /api/todos/{id}", $"asOf just before the last of {HistoryLength} events", HttpStatusCode.OK, AsOfTimeCeiling,
                () => Get(Item(longId) + At(newest.AddMilliseconds(-1)))),
            new("GET /api/todos/{id}", "asOf on someone else's todo", HttpStatusCode.NotFound, 1, () => Get(Item(theirs) + At(newest))),

            // 300 small events are one Query's page (DynamoDB stops a page at 1 MB).
            new("GET /api/todos/{id}/events", $"{HistoryLength} events", HttpStatusCode.OK, 1, () => Get($"{Item(longId)}/events")),
            // No event after the cursor: whether the todo exists at all is one more Query.
            new("GET /api/todos/{id}/events", "limit=1 and a cursor past the end", HttpStatusCode.OK, 2,
                () => Get($"{Item(longId)}/events?limit=1&cursor={ListPage.Encode("100000", $"{ownList}/{longId}")}")),
            new("GET /api/todos/{id}/events", "someone else's todo", HttpStatusCode.NotFound, 1, () => Get($"{Item(theirs)}/events")),
            new("GET /api/todos/{id}/events", "a made-up id", HttpStatusCode.NotFound, 1, () => Get($"{Item(madeUp)}/events")),

            // The pointer (cached) and one Query of the byChange index: the owner's few changes are one page.
            new("GET /api/todos/changes", "from the beginning", HttpStatusCode.OK, 2, () => Get($"{todos}/changes")),
            new("GET /api/todos/changes", "limit=1 and a token of the other read table (a restart)", HttpStatusCode.OK, 2,
                () => Get($"{todos}/changes?limit=1&after={ChangesRequest.Token(TodoTable.ChangeKeyOf(Guid.NewGuid(), newest), ownList, fixture.TodosGreenTable)}")),
            // A token is checked before anything is read.
            new("GET /api/todos/changes", "a made-up token", HttpStatusCode.BadRequest, 0, () => Get($"{todos}/changes?after=made-up")),

            new("GET /api/openapi.json", "the description", HttpStatusCode.OK, 0, () => Get("/api/openapi.json")),

            // A create needs no read: its conditional write (with the key's record, one transaction) proves the id new.
            new("POST /api/todos", "a todo", HttpStatusCode.Created, 1, () => owner.CreateAsync("Costed")),
            new("POST /api/todos", "a todo with an Idempotency-Key", HttpStatusCode.Created, 1,
                () => Send(HttpMethod.Post, todos, new { text = "Once" }, Header(Headers.IdempotencyKey, key))),
            // The transaction fails on the key's record and brings it back: nothing else is read.
            new("POST /api/todos", "the same again (a replay)", HttpStatusCode.Created, 1,
                () => Send(HttpMethod.Post, todos, new { text = "Once" }, Header(Headers.IdempotencyKey, key))),
            new("POST /api/todos", "the same key with another body", HttpStatusCode.UnprocessableEntity, 1,
                () => Send(HttpMethod.Post, todos, new { text = "Twice" }, Header(Headers.IdempotencyKey, key))),
            new("POST /api/todos", "64 KB of unknown fields", HttpStatusCode.BadRequest, 0, () => Send(HttpMethod.Post, todos, unknownFields)),

            // The todo's newest item (unless the instance has it cached), then the conditional write.
            new("PUT /api/todos/{id}", "the owner's todo, with a key", HttpStatusCode.OK, 2,
                () => Send(HttpMethod.Put, Item(toUpdate), new { text = "Changed" }, Header(Headers.IdempotencyKey, key + "-put"))),
            // Nothing left to change: decided on a fresh read, and the record's write fails on the one kept.
            new("PUT /api/todos/{id}", "the same again (a replay)", HttpStatusCode.OK, 2,
                () => Send(HttpMethod.Put, Item(toUpdate), new { text = "Changed" }, Header(Headers.IdempotencyKey, key + "-put"))),
            // A refusal writes nothing, so a request with a key looks its record up.
            new("PUT /api/todos/{id}", "someone else's todo, with a key", HttpStatusCode.NotFound, 2,
                () => Send(HttpMethod.Put, Item(theirs), new { text = "Mine now" }, Header(Headers.IdempotencyKey, Guid.NewGuid().ToString()))),
            new("PUT /api/todos/{id}", "a made-up id, with a key", HttpStatusCode.NotFound, 2,
                () => Send(HttpMethod.Put, Item(madeUp), new { completed = true }, Header(Headers.IdempotencyKey, Guid.NewGuid().ToString()))),
            new("PUT /api/todos/{id}", "a stale If-Match, with a key", HttpStatusCode.PreconditionFailed, 2,
                () => Send(HttpMethod.Put, Item(toUpdate), new { completed = true }, Header(Headers.IfMatch, "\"1\""),
                    Header(Headers.IdempotencyKey, Guid.NewGuid().ToString()))),
            new("PUT /api/todos/{id}", "64 KB of unknown fields", HttpStatusCode.BadRequest, 0, () => Send(HttpMethod.Put, Item(toUpdate), unknownFields)),

            new("DELETE /api/todos/{id}", "the owner's todo, with a key", HttpStatusCode.OK, 2,
                () => Send(HttpMethod.Delete, Item(toDelete), null, Header(Headers.IdempotencyKey, key + "-delete"))),
            // Already deleted: a refusal on a fresh read, then the record that replays it.
            new("DELETE /api/todos/{id}", "the same again (a replay)", HttpStatusCode.OK, 2,
                () => Send(HttpMethod.Delete, Item(toDelete), null, Header(Headers.IdempotencyKey, key + "-delete"))),
            new("DELETE /api/todos/{id}", "someone else's todo, with a key", HttpStatusCode.NotFound, 2,
                () => Send(HttpMethod.Delete, Item(theirs), null, Header(Headers.IdempotencyKey, Guid.NewGuid().ToString()))),
            new("DELETE /api/todos/{id}", "a made-up id, with a key", HttpStatusCode.NotFound, 2,
                () => Send(HttpMethod.Delete, Item(madeUp), null, Header(Headers.IdempotencyKey, Guid.NewGuid().ToString()))),
        ];
    }

    /// <summary>A todo of <see cref="HistoryLength"/> events, its last a moment after the one before, and its history as the API answers it.</summary>
    private static async Task<(string Id, JsonArray History)> LongHistoryAsync(TodoApi owner)
    {
        var id = (await owner.CreateAsync("Version 1")).Text("id");
        for (var version = 2; version <= HistoryLength; version++)
        {
            // The last event's time differs from the one before, so a time between them is there to search for.
            if (version == HistoryLength)
                await Task.Delay(5);
            Assert.Equal(HttpStatusCode.OK, (await owner.UpdateAsync(id, new { text = $"Version {version}" })).Status);
        }
        var history = JsonNode.Parse((await owner.SendAsync(HttpMethod.Get, $"/api/todos/{id}/events")).Body.GetRawText())!.AsArray();
        Assert.Equal(HistoryLength, history.Count);
        return (id, history);
    }

    private static KeyValuePair<string, string?> Header(string name, string value) => new(name, value);

    /// <summary>Tokens naming todos that do not exist: each is behind any page, so each is read.</summary>
    private static KeyValuePair<string, string?> Tokens(int count) =>
        Header(Headers.MinVersion, string.Join(',', Enumerable.Range(0, count).Select(_ => $"{Guid.NewGuid()}:1")));

    private static KeyValuePair<string, string?> Cookie(IEnumerable<string> entries) =>
        Header("Cookie", $"{RecentWritesCookie.Name}={string.Join('.', entries)}");

    /// <summary>
    /// The request's DynamoDB calls, from its trace: each a <c>DynamoDB</c> subsegment, with its retries (each another
    /// request) and its consumed capacity. The handler's span is sent after every call it made, so once it is in, they are.
    /// </summary>
    private async Task<Cost> CostAsync(ApiResponse answer)
    {
        var traceId = TraceHeader.Parse(answer.Header(TraceHeader.HttpHeader))?.Root ?? throw new Xunit.Sdk.XunitException("No trace id in the answer.");
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var documents = fixture.App.Traces.Store.Get([traceId]).SingleOrDefault()?.Documents ?? [];
            if (documents.Any(d => ((string?)d["name"])?.StartsWith("## ", StringComparison.Ordinal) == true))
                return Tally([.. documents.Where(d => (string?)d["name"] == DynamoDbTracing.SpanName)]);
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"The trace {traceId} never held the function's span.");
            await Task.Delay(20);
        }
    }

    private static Cost Tally(List<JsonObject> spans)
    {
        // A failed call (a conditional write that lost) reports no capacity; every other one must, or the units undercount.
        Assert.All(spans.Where(s => (int?)s["http"]?["response"]?["status"] == 200), s => Assert.NotNull(s["aws"]!["consumed_capacity"]));
        var calls = spans.Select(s => s["aws"]!).ToList();
        static int Requests(JsonNode call) => 1 + (int)call["retries"]!;
        double Units(bool reads) => calls.Where(c => Reads.Contains((string)c["operation"]!) == reads).Sum(c => (double?)c["consumed_capacity"] ?? 0);
        var byOperation = calls.GroupBy(c => (string)c["operation"]!).Select(g => $"{g.Key} {g.Sum(Requests)}");
        return new Cost(calls.Sum(Requests), Units(reads: true), Units(reads: false), string.Join(", ", byOperation));
    }

    /// <summary>Each input's cost, then each route's most, as the table in docs/api.md has them.</summary>
    private void Print(List<(Case Case, ApiResponse Answer, Cost Cost)> measured)
    {
        static string Units(double units) => units.ToString("0.##", CultureInfo.InvariantCulture);
        output.WriteLine("| Route | Input | Status | Requests | Ceiling | Read units | Write units | Calls |");
        foreach (var (input, answer, cost) in measured)
            output.WriteLine($"| `{input.Route}` | {input.Input} | {(int)answer.Status} | {cost.Requests} | {input.Ceiling} | {Units(cost.ReadUnits)} | {Units(cost.WriteUnits)} | {cost.Calls} |");
        output.WriteLine("");
        output.WriteLine("| Route | Most requests | Most read units | Most write units |");
        foreach (var route in measured.GroupBy(m => m.Case.Route))
            output.WriteLine($"| `{route.Key}` | {route.Max(m => m.Cost.Requests)} | {Units(route.Max(m => m.Cost.ReadUnits))} | {Units(route.Max(m => m.Cost.WriteUnits))} |");
    }
}
