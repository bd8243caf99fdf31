using System.Net;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Todo.Tests.Support;

namespace Todo.Tests.Commands;

/// <summary>
/// Thousands of generated bad requests through the local host: every one is answered 4xx (never
/// 5xx, never a success) and none writes anything.
/// </summary>
[Slow]
public sealed class FuzzTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private const int Requests = 2000;

    /// <summary>One generated request: what to send.</summary>
    public sealed record BadRequest(string Method, string Path, byte[]? Body, string? ContentType, string? Header, string? HeaderValue)
    {
        public override string ToString() =>
            $"{Method} {Path} [{ContentType}] {Header}: {HeaderValue} {(Body is null ? "" : Encoding.UTF8.GetString(Body[..Math.Min(Body.Length, 120)]))}";
    }

    [Fact]
    public async Task Bad_requests_get_4xx_and_write_nothing()
    {
        var id = (await new TodoApi(fixture.Http).CreateAsync("Fuzzed")).Text("id");
        var before = await fixture.CountEventsAsync();
        var requests = BadRequests(id).Sample(Requests, 30);

        var failures = new List<string>();
        foreach (var bad in requests)
        {
            var status = await SendAsync(bad);
            if (status is < 400 or >= 500)
                failures.Add($"{status} for {bad}");
        }

        Assert.Empty(failures);
        Assert.Equal(before, await fixture.CountEventsAsync());
    }

    private async Task<int> SendAsync(BadRequest bad)
    {
        using var request = new HttpRequestMessage(new HttpMethod(bad.Method), bad.Path);
        if (bad.Body is not null)
        {
            request.Content = new ByteArrayContent(bad.Body);
            if (bad.ContentType is not null)
                request.Content.Headers.TryAddWithoutValidation("Content-Type", bad.ContentType);
        }
        if (bad.Header is not null)
            request.Headers.TryAddWithoutValidation(bad.Header, bad.HeaderValue);
        using var response = await fixture.Http.SendAsync(request);
        return (int)response.StatusCode;
    }

    private static Gen<BadRequest> BadRequests(string id) => Gen.OneOf(
        // A body that is wrong, on a create or an update.
        from method in Gen.Elements("POST", "PUT")
        from body in BadBodies
        select new BadRequest(method, method == "POST" ? "/api/todos" : $"/api/todos/{id}", body, "application/json", null, null),
        // A good body in a format that is not JSON.
        from type in Gen.Elements("text/plain", "application/x-www-form-urlencoded", "application/xml", "multipart/form-data; boundary=x")
        select new BadRequest("POST", "/api/todos", Utf8("""{"text":"fine"}"""), type, null, null),
        // An id that names no todo.
        from method in Gen.Elements("GET", "PUT", "DELETE")
        from notId in Gen.OneOf(Text, Gen.Constant(Guid.NewGuid().ToString()), Gen.Constant(id.ToUpperInvariant().Replace("-", "")))
        where notId.Length > 0 && !notId.Contains('/') && !notId.Contains('?') && !notId.Contains('#') && !notId.Contains('%')
        select new BadRequest(method, $"/api/todos/{Uri.EscapeDataString(notId)}", method == "PUT" ? Utf8("""{"completed":true}""") : null, "application/json", null, null),
        // A header that is malformed, or a condition that does not hold.
        from header in Gen.Elements("If-Match", "Idempotency-Key", "X-Min-Version")
        from value in BadHeaderValue(header)
        select new BadRequest(header == "X-Min-Version" ? "GET" : "PUT", header == "X-Min-Version" ? "/api/todos" : $"/api/todos/{id}",
            header == "X-Min-Version" ? null : Utf8("""{"completed":true}"""), "application/json", header, value),
        // A path or method that is not routed.
        from path in Gen.Elements("/api", "/api/todo", "/api/todos/a/b", $"/api/todos/{id}/done", "/api/TODOS")
        from method in Gen.Elements("GET", "POST", "PATCH")
        select new BadRequest(method, path, null, null, null, null));

    private static Gen<byte[]> BadBodies => Gen.OneOf(
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
        from name in Gen.Elements("title", "Text", "id", "createdAt", "version", "done", "")
        select Utf8($$"""{"text":"ok","{{name}}":1}"""),
        // a repeated field
        Gen.Constant(Utf8("""{"text":"a","text":"b"}""")),
        // not a JSON object
        from root in Gen.Elements("", " ", "null", "42", "\"text\"", "[]", "[{\"text\":\"a\"}]", "true")
        select Utf8(root),
        // broken JSON
        from cut in Gen.Choose(1, 12)
        select Utf8("""{"text":"ok"}"""[..cut]),
        from garbage in Text
        select Utf8("{" + garbage),
        // nested too deep
        from depth in Gen.Choose(9, 200)
        select Utf8($$"""{"text":"ok","x":{{new string('[', depth)}}{{new string(']', depth)}}}"""),
        // bytes that are not UTF-8
        from bytes in Gen.ArrayOf(Gen.Choose(0x80, 0xFF).Select(b => (byte)b))
        where bytes.Length > 0
        select (byte[])[(byte)'{', .. bytes, (byte)'}'],
        // too large
        from size in Gen.Choose(65_537, 80_000)
        select Utf8($$"""{"text":"{{new string('y', size)}}"}"""));

    private static Gen<string> BadHeaderValue(string header) => header switch
    {
        "If-Match" => Gen.OneOf(Gen.Elements("\"999\"", "\"0\"", "1", "W/\"1\"", "\"1\", \"2\"", "\"\"", "\"x\""), Text.Select(t => "\"" + t)),
        "Idempotency-Key" => Gen.OneOf(Gen.Constant(new string('k', 256)), Gen.Elements("a b", " ")),
        _ => Gen.OneOf(Gen.Elements("x", "1", $"{Guid.NewGuid()}", $"{Guid.NewGuid()}:0", $"{Guid.NewGuid()}:-1", ":", ","), Text.Where(t => !t.Contains(':'))),
    };

    /// <summary>Printable ASCII text, so it survives as a header value.</summary>
    private static Gen<string> Text =>
        Gen.ArrayOf(Gen.Choose(0x21, 0x7E).Select(c => (char)c)).Select(chars => new string(chars));

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
