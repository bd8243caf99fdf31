using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Todo.Tests.Support;

namespace Todo.Tests.Commands;

/// <summary>
/// Generated requests through the local host. Every route gets every combination of the headers the
/// API reads, each absent, valid, invalid or given twice, with a bad body: each answer is exactly the
/// one the contract gives (never a 5xx), and only a request that succeeds writes. Then thousands of
/// other bad requests: every one is answered 4xx and none writes anything.
/// </summary>
[Slow]
public sealed class FuzzTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    /// <summary>Each combination is sent this many times, each time with other values and another body.</summary>
    private const int Rounds = 1;

    private const int OtherRequests = 1000;

    private const int BlockSize = 100;

    /// <summary>Requests in flight at once: the machine's DynamoDB Local answers them in parallel.</summary>
    private const int InFlight = 4;

    /// <summary>FsCheck's size: how long generated strings and byte arrays get.</summary>
    private const int Size = 30;

    private const string ContentType = "Content-Type";
    private const string IfMatch = "If-Match";
    private const string IdempotencyKey = "Idempotency-Key";
    private const string MinVersion = "X-Min-Version";
    private static readonly string[] HeaderNames = [ContentType, IfMatch, IdempotencyKey, MinVersion];

    public enum Route { Create, Update, Delete, Get, List }

    /// <summary>How a header is sent. <see cref="Stale"/> is If-Match's alone: well-formed, but not the todo's version.</summary>
    public enum Variant { Absent, Valid, Stale, Invalid, Doubled }

    public sealed record Combination(Route Route, Variant ContentType, Variant IfMatch, Variant IdempotencyKey, Variant MinVersion);

    /// <summary>One generated request: a combination with its header lines and body.</summary>
    public sealed record FuzzRequest(Combination Combination, IReadOnlyList<(string Name, string Value)> Headers, byte[]? Body)
    {
        public override string ToString() =>
            $"{Combination} [{string.Join(" | ", Headers.Select(h => $"{h.Name}: {h.Value}"))}] " +
            (Body is null ? "no body" : $"{Body.Length} bytes: {Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 120)])}");
    }

    /// <summary>
    /// The contract's answer: its status, the names its <c>errors</c> must have (null for a body
    /// problem: any names but a header's), its exact body if it is known, and whether it writes (one event).
    /// </summary>
    public sealed record Expected(int Status, IReadOnlyList<string>? Errors, string? Body = null, bool Writes = false);

    private const string DeletedBody = """{"message":"Todo item deleted successfully"}""";

    [Fact]
    public async Task Every_route_with_every_header_combination_and_a_bad_body_gets_the_contracts_answer()
    {
        var api = new TodoApi(fixture.Http);
        var id = await SharedTodoAsync();
        var requests = Combinations().SelectMany(c => Enumerable.Range(0, Rounds).Select(_ => Request(c, id).Sample(1, Size).Single())).ToArray();
        Random.Shared.Shuffle(requests);
        var failures = new List<string>();
        var targets = new List<Guid>();

        // In blocks, a few requests at a time; the events table is counted before and after each block (a count is as slow as a request).
        foreach (var block in requests.Chunk(BlockSize))
        {
            var expected = block.Select(r => Expect(r.Combination)).ToArray();
            // A DELETE that succeeds deletes a todo of its own, so the one the others use stays as it is.
            var paths = new string[block.Length];
            for (var i = 0; i < block.Length; i++)
            {
                var target = id;
                if (expected[i].Writes)
                {
                    target = (await api.CreateAsync("Fuzz target")).Text("id");
                    targets.Add(Guid.Parse(target));
                }
                paths[i] = Path(block[i].Combination.Route, target);
            }
            var before = await fixture.CountEventsAsync();

            var answers = new RawHttp.Answer[block.Length];
            await Parallel.ForAsync(0, block.Length, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (i, _) =>
                answers[i] = await RawHttp.SendAsync(fixture.App.BaseUrl, Method(block[i].Combination.Route), paths[i], block[i].Headers, block[i].Body));

            for (var i = 0; i < block.Length; i++)
            {
                if (Mismatch(expected[i], answers[i]) is { } mismatch)
                    failures.Add($"{mismatch} for {block[i]}");
            }
            var written = await fixture.CountEventsAsync() - before;
            var writes = expected.Count(e => e.Writes);
            // More events than the block's DELETEs write came from one of its other requests; fewer show below, as a todo without its deletion.
            if (written > writes)
                failures.Add($"{written - writes} events written by one of:\n  {string.Join("\n  ", block.Where((_, i) => !expected[i].Writes))}");
        }
        // Each DELETE that succeeded appended its todo's one deletion, so the events the blocks wrote were theirs and no other request wrote any.
        foreach (var target in targets)
        {
            if ((await fixture.EventsOfAsync(target)).Events.Count is var count and not 2)
                failures.Add($"todo {target} has {count} events instead of 2 (created, deleted)");
        }

        Assert.True(failures.Count == 0, $"{failures.Count} failures in {requests.Length} requests:\n{string.Join("\n", failures.Take(40))}");
    }

    [Fact]
    public async Task Other_bad_requests_get_4xx_and_write_nothing()
    {
        var id = await SharedTodoAsync();
        var before = await fixture.CountEventsAsync();

        var failures = new List<string>();
        foreach (var (method, path, body, contentType) in OtherBadRequests(id).Sample(OtherRequests, Size))
        {
            var headers = contentType is null ? [] : new List<(string, string)> { (ContentType, contentType) };
            var answer = await RawHttp.SendAsync(fixture.App.BaseUrl, method, path, headers, body);
            if (answer.Status is < 400 or >= 500)
                failures.Add($"{answer.Status} for {method} {path} [{contentType}] {(body is null ? "" : Encoding.UTF8.GetString(body))}");
        }

        Assert.Empty(failures);
        Assert.Equal(before, await fixture.CountEventsAsync());
    }

    /// <summary>The todo the requests are about, at version 1 and already projected, so that a GET of it is 200.</summary>
    private async Task<string> SharedTodoAsync()
    {
        var api = new TodoApi(fixture.Http);
        var id = (await api.CreateAsync("Fuzzed")).Text("id");
        await api.EventuallyAsync(a => a.GetAsync(id), TodoApi.IsOk);
        return id;
    }

    private static string Method(Route route) => route switch
    {
        Route.Create => "POST",
        Route.Update => "PUT",
        Route.Delete => "DELETE",
        _ => "GET",
    };

    private static string Path(Route route, string todo) => route is Route.Create or Route.List ? "/api/todos" : $"/api/todos/{todo}";

    private static string? Mismatch(Expected expected, RawHttp.Answer answer)
    {
        if (answer.Status != expected.Status)
            return $"{answer.Status} instead of {expected.Status} ({answer.Body})";
        if (expected.Body is not null && answer.Body != expected.Body)
            return $"body {answer.Body} instead of {expected.Body}";
        var errors = answer.ErrorNames();
        if (expected.Errors is null)
            return errors.Count == 0 || errors.Intersect(HeaderNames).Any() ? $"errors [{string.Join(", ", errors)}] for a bad body" : null;
        return errors.Order().SequenceEqual(expected.Errors.Order()) ? null : $"errors [{string.Join(", ", errors)}] instead of [{string.Join(", ", expected.Errors)}]";
    }

    /// <summary>
    /// What the contract answers each combination, every body here being bad for POST and PUT. A
    /// command reads Content-Type (POST and PUT only: a DELETE reads no body), If-Match (PUT and
    /// DELETE), Idempotency-Key, then the body; a GET reads X-Min-Version alone. Headers a route does
    /// not read do not change its answer.
    /// </summary>
    private static Expected Expect(Combination c)
    {
        static bool Wrong(Variant variant) => variant is Variant.Invalid or Variant.Doubled;
        var errors = new List<string>();
        switch (c.Route)
        {
            case Route.Create or Route.Update:
                if (c.ContentType == Variant.Invalid)
                    return new(415, [ContentType]);
                if (c.ContentType == Variant.Doubled)
                    errors.Add(ContentType);
                if (c.Route == Route.Update && Wrong(c.IfMatch))
                    errors.Add(IfMatch);
                if (Wrong(c.IdempotencyKey))
                    errors.Add(IdempotencyKey);
                return new(400, errors.Count > 0 ? errors : null);
            case Route.Delete:
                if (Wrong(c.IfMatch))
                    errors.Add(IfMatch);
                if (Wrong(c.IdempotencyKey))
                    errors.Add(IdempotencyKey);
                if (errors.Count > 0)
                    return new(400, errors);
                return c.IfMatch == Variant.Stale ? new(412, [IfMatch]) : new(200, [], DeletedBody, Writes: true);
            default:
                return Wrong(c.MinVersion) ? new(400, [MinVersion]) : new(200, []);
        }
    }

    private static IEnumerable<Combination> Combinations() =>
        from route in Enum.GetValues<Route>()
        from contentType in Variants(false)
        from ifMatch in Variants(true)
        from key in Variants(false)
        from minVersion in Variants(false)
        select new Combination(route, contentType, ifMatch, key, minVersion);

    private static Variant[] Variants(bool stale) =>
        stale ? Enum.GetValues<Variant>() : [Variant.Absent, Variant.Valid, Variant.Invalid, Variant.Doubled];

    private static Gen<FuzzRequest> Request(Combination c, string id) =>
        from contentType in Lines(ContentType, c.ContentType, ContentTypes.Valid, ContentTypes.Invalid)
        from ifMatch in Lines(IfMatch, c.IfMatch, IfMatches.Valid, IfMatches.Invalid, IfMatches.Stale)
        from key in Lines(IdempotencyKey, c.IdempotencyKey, Keys.Valid, Keys.Invalid)
        from minVersion in Lines(MinVersion, c.MinVersion, MinVersions.Valid(id), MinVersions.Invalid)
        from order in Gen.Shuffle(contentType.Concat(ifMatch).Concat(key).Concat(minVersion).ToArray())
        from body in Bodies(c.Route)
        select new FuzzRequest(c, order, body);

    /// <summary>The header lines of a variant: none, one, or two (the second valid, invalid or the same again).</summary>
    private static Gen<(string Name, string Value)[]> Lines(string name, Variant variant, Gen<string> valid, Gen<string> invalid, Gen<string>? stale = null) =>
        variant switch
        {
            Variant.Absent => Gen.Constant(Array.Empty<(string, string)>()),
            Variant.Valid => valid.Select(v => new[] { (name, v) }),
            Variant.Stale => stale!.Select(v => new[] { (name, v) }),
            Variant.Invalid => invalid.Select(v => new[] { (name, v) }),
            _ => from first in valid
                 from second in Gen.OneOf(valid, invalid, Gen.Constant(first))
                 select new[] { (name, first), (name, second) },
        };

    private static class ContentTypes
    {
        public static Gen<string> Valid => Gen.Elements("application/json", "application/json; charset=utf-8", "Application/JSON", "application/json ;charset=UTF-8");

        public static Gen<string> Invalid => Gen.Elements(
            "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/jsonx", "text/json", "application/json-patch+json", "*/*", "json", "");
    }

    /// <summary>Every todo the requests are about is at version 1.</summary>
    private static class IfMatches
    {
        public static Gen<string> Valid => Gen.Elements("*", "\"1\"", " \"1\" ");

        public static Gen<string> Stale => Gen.Elements("\"0\"", "\"2\"", "\"999\"", "\"9223372036854775807\"");

        public static Gen<string> Invalid => Gen.OneOf(
            Gen.Elements("1", "W/\"1\"", "\"1\", \"2\"", "\"\"", "\"x\"", "\"-1\"", "\"1", "1\"", "**", "\"99999999999999999999\"", ""),
            Text.Select(t => "\"" + t + "x"));
    }

    private static class Keys
    {
        /// <summary>Unique, so that no two requests share a key by chance.</summary>
        public static Gen<string> Valid => Text.Select(t => $"{Guid.NewGuid()}{t}");

        public static Gen<string> Invalid => Gen.OneOf(
            Gen.Elements("", "a b", "a\tb", new string('k', 256)),
            Text.Select(t => $"{Guid.NewGuid()} {t}x"));
    }

    /// <summary>Only tokens the todo already satisfies, so that no read waits for a version that never comes.</summary>
    private static class MinVersions
    {
        public static Gen<string> Valid(string id) => Gen.Elements($"{id}:1", $"{id}:1, {id}:1", $" {id}:1 ", $"{id}:1,");

        public static Gen<string> Invalid => Gen.OneOf(
            Gen.Elements("x", "1", $"{Guid.NewGuid()}", $"{Guid.NewGuid()}:0", $"{Guid.NewGuid()}:-1", $"{Guid.NewGuid()}:1:2", $"{Guid.NewGuid()}:1.5", ":", ",", ""),
            Text.Where(t => !t.Contains(':')));
    }

    /// <summary>Bodies bad for the route's command; a route that reads no body gets any of them, or a good one.</summary>
    private static Gen<byte[]?> Bodies(Route route) => route switch
    {
        Route.Create => Gen.OneOf(BadBodies, BadCreateBodies, NoBody),
        Route.Update => Gen.OneOf(BadBodies, BadUpdateBodies, NoBody),
        _ => Gen.OneOf(BadBodies, BadCreateBodies, BadUpdateBodies, NoBody, Gen.Elements(Utf8("""{"text":"fine"}"""), Utf8("""{"completed":true}"""))),
    };

    private static Gen<byte[]?> NoBody => Gen.Constant<byte[]?>(null);

    /// <summary>Bad for a create and for an update alike.</summary>
    private static Gen<byte[]?> BadBodies => Gen.OneOf(
        // text that is not a string
        from value in Gen.Elements("1", "true", "null", "[]", "{}", "[\"a\"]", "{\"text\":\"a\"}", "1e400", "-0")
        select Utf8($$"""{"text":{{value}}}"""),
        // completed that is not a boolean
        from value in Gen.Elements("1", "0", "\"true\"", "\"false\"", "null", "[]", "{}")
        select Utf8($$"""{"completed":{{value}}}"""),
        // text that breaks the rules: empty, blank, control characters, too long
        from text in Gen.OneOf(
            Gen.Elements("", " ", "\\t", "\\n", " \\u0000 ", "a\\u0007b", "x\\u001fy", "\\ud800", "\\udc00x"),
            Gen.Choose(1001, 3000).Select(n => new string('x', n)))
        select Utf8($$"""{"text":"{{text}}"}"""),
        // a field nobody asked for
        from name in Gen.Elements("title", "Text", "ID", "created_at", "version", "done", "")
        select Utf8($$"""{"text":"ok","{{name}}":1}"""),
        // a repeated field
        Gen.Elements(Utf8("""{"text":"a","text":"b"}"""), Utf8("""{"text":"a","completed":false,"text":"a"}""")),
        // not a JSON object
        from root in Gen.Elements("", " ", "null", "42", "\"text\"", "[]", "[1,2]", "[{\"text\":\"a\"}]", "true")
        select Utf8(root),
        // broken JSON: truncated, or not JSON at all
        from cut in Gen.Choose(1, 12)
        select Utf8("""{"text":"ok"}"""[..cut]),
        from garbage in Text
        select Utf8("{" + garbage),
        Gen.Elements(Utf8("{not json"), Utf8("[1,2"), Utf8("{'text':'a'}"), Utf8("""{"text":"a",}"""), Utf8("""{"text":"a"} {"text":"b"}""")),
        // nested too deep
        from depth in Gen.Choose(9, 200)
        select Utf8($$"""{"text":"ok","x":{{new string('[', depth)}}{{new string(']', depth)}}}"""),
        // bytes that are not UTF-8, which API Gateway passes base64-encoded
        from bytes in Gen.ArrayOf(Gen.Choose(0x80, 0xFF).Select(b => (byte)b))
        where bytes.Length > 0
        select (byte[]?)[(byte)'{', .. bytes, (byte)'}'],
        // UTF-16, with its byte order mark (not UTF-8) or without (UTF-8, but full of NULs)
        Gen.Elements<byte[]?>([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes("""{"text":"ok"}""")], Encoding.Unicode.GetBytes("""{"text":"ok"}""")),
        // too large
        from size in Gen.Choose(65_537, 80_000)
        select Utf8($$"""{"text":"{{new string('y', size)}}"}"""));

    /// <summary>A create takes text alone: the item's other fields, ignored by an update, are unknown to it.</summary>
    private static Gen<byte[]?> BadCreateBodies =>
        from name in Gen.Elements("id", "createdAt", "completed")
        from value in Gen.Elements("\"3f2c1a7e-0000-4000-8000-000000000000\"", "\"2020-01-01T00:00:00.000Z\"", "true", "null")
        select Utf8($$"""{"text":"ok","{{name}}":{{value}}}""");

    /// <summary>An update needs text or completed; the id and createdAt it ignores are still held to the body's rules.</summary>
    private static Gen<byte[]?> BadUpdateBodies => Gen.OneOf(
        Gen.Elements(
            Utf8("{}"),
            Utf8("""{"id":"3f2c1a7e-0000-4000-8000-000000000000","createdAt":"2020-01-01T00:00:00.000Z"}"""),
            Utf8("""{"complete":true}"""),
            Utf8("""{"id":1,"text":"ok","complete":true}"""),
            Utf8("""{"text":"ok","id":1,"id":2}"""),
            Utf8("""{"createdAt":"a","completed":true,"createdAt":"a"}""")),
        from depth in Gen.Choose(8, 100)
        select Utf8($$"""{"completed":true,"id":{{new string('[', depth)}}{{new string(']', depth)}}}"""),
        from size in Gen.Choose(65_537, 70_000)
        select Utf8($$"""{"completed":true,"createdAt":"{{new string('c', size)}}"}"""),
        from cut in Gen.Choose(1, 70)
        select Utf8("""{"id":"3f2c1a7e-0000-4000-8000-000000000000","text":"ok","completed":true,"createdAt":"2020-01-01T00:00:00.000Z"}"""[..cut]));

    /// <summary>A good body in another format, an id that names no todo, or a path or method that is not routed.</summary>
    private static Gen<(string Method, string Path, byte[]? Body, string? ContentType)> OtherBadRequests(string id) => Gen.OneOf(
        from method in Gen.Elements("POST", "PUT")
        from type in ContentTypes.Invalid
        select (method, method == "POST" ? "/api/todos" : $"/api/todos/{id}", Utf8("""{"text":"fine"}"""), (string?)type),
        from method in Gen.Elements("GET", "PUT", "DELETE")
        from notId in Gen.OneOf(Text, Gen.Constant(Guid.NewGuid().ToString()), Gen.Constant(id.ToUpperInvariant().Replace("-", "")))
        // "." and ".." are path segments a server resolves, not ids.
        where notId.Trim('.').Length > 0 && !notId.Contains('/') && !notId.Contains('?') && !notId.Contains('#') && !notId.Contains('%')
        select (method, $"/api/todos/{Uri.EscapeDataString(notId)}", method == "PUT" ? Utf8("""{"completed":true}""") : null, (string?)"application/json"),
        from path in Gen.Elements("/api", "/api/todo", "/api/todos/a/b", $"/api/todos/{id}/done", "/api/TODOS")
        from method in Gen.Elements("GET", "POST", "PATCH", "PUT", "DELETE")
        select (method, path, (byte[]?)null, (string?)null));

    /// <summary>Printable ASCII text, so it survives as a header value.</summary>
    private static Gen<string> Text =>
        Gen.ArrayOf(Gen.Choose(0x21, 0x7E).Select(c => (char)c)).Select(chars => new string(chars));

    /// <summary>A body: nullable, as the generators' bodies are (none is sent for null).</summary>
    private static byte[]? Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
