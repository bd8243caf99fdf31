using Todo.Http;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Tests.Api;

/// <summary>The cookie a command's answer sets, as API Gateway passes it on (multiValueHeaders), and as the list reads it back.</summary>
public sealed class RecentWritesCookieTests
{
    private static readonly Guid First = Guid.Parse("3f8e2a1c-0000-4000-8000-000000000001");
    private static readonly Guid Second = Guid.Parse("3f8e2a1c-0000-4000-8000-000000000002");
    private static readonly DateTimeOffset CreatedAt = DateTimeOffset.Parse("2026-12-07T20:44:44.123Z");

    private static APIGatewayProxyRequest Request(string proto = "https", string? cookie = null, string contextPath = "/api/todos") => new()
    {
        Path = "/api/todos",
        Headers = cookie is null ? new() { ["X-Forwarded-Proto"] = proto } : new() { ["X-Forwarded-Proto"] = proto, ["Cookie"] = cookie },
        RequestContext = new APIGatewayProxyRequest.ProxyRequestContext { Path = contextPath },
    };

    private static List<string> Set(APIGatewayProxyRequest request, RecentWrite write)
    {
        var response = new APIGatewayProxyResponse { StatusCode = 201 };
        RecentWritesCookie.Add(response, request, write);
        return response.MultiValueHeaders!["Set-Cookie"];
    }

    private static string Value(string setCookie) => setCookie.Split(';')[0];

    [Fact]
    public void It_is_scoped_to_the_API_HttpOnly_SameSite_Strict_Secure_on_HTTPS_and_expires_within_a_minute()
    {
        var cookie = Assert.Single(Set(Request(), new RecentWrite(First, CreatedAt)));

        Assert.Equal($"todo-writes={First:N}:{CreatedAt.ToUnixTimeMilliseconds()}; Path=/api; Max-Age=60; HttpOnly; SameSite=Strict; Secure", cookie);
    }

    [Fact]
    public void Over_plain_HTTP_it_is_not_Secure_or_a_browser_would_drop_it()
    {
        Assert.DoesNotContain("Secure", Assert.Single(Set(Request("http"), new RecentWrite(First, null))));
    }

    [Fact]
    public void It_is_set_for_the_APIs_path_only_whatever_path_the_stage_saw()
    {
        var cookie = Assert.Single(Set(Request(contextPath: "/x;Domain=evil.example/api/todos"), new RecentWrite(First, null)));

        Assert.Equal("Path=/api", cookie.Split("; ")[1]);
        Assert.DoesNotContain("evil", cookie);
    }

    [Fact]
    public void Each_answer_adds_its_todo_to_those_the_request_named_newest_last_replacing_an_older_entry()
    {
        var first = Value(Set(Request(), new RecentWrite(First, CreatedAt))[0]);
        var both = Value(Set(Request(cookie: first), new RecentWrite(Second, CreatedAt))[0]);
        var deleted = Value(Set(Request(cookie: $"other=1; {both}"), new RecentWrite(First, null))[0]);

        Assert.Equal([new RecentWrite(Second, CreatedAt), new RecentWrite(First, null)], RecentWritesCookie.Read(Request(cookie: deleted)));
    }

    [Fact]
    public void It_names_at_most_the_newest_writes_it_may_hold()
    {
        var request = Request();
        var ids = Enumerable.Range(0, RecentWritesCookie.MaxWrites + 5).Select(_ => Guid.NewGuid()).ToList();
        foreach (var id in ids)
            request = Request(cookie: Value(Set(request, new RecentWrite(id, null))[0]));

        Assert.Equal(ids.TakeLast(RecentWritesCookie.MaxWrites), RecentWritesCookie.Read(request).Select(w => w.TodoId));
    }

    [Theory]
    [InlineData("todo-writes=")]
    [InlineData("todo-writes=nonsense")]
    [InlineData("todo-writes=3f8e2a1c-0000-4000-8000-000000000001:x")]
    [InlineData("todo-writes=3f8e2a1c000040008000000000000001:-5")]
    [InlineData("todo-writes=3f8e2a1c000040008000000000000001:99999999999999999999")]
    [InlineData("todo-writesx=3f8e2a1c000040008000000000000001:x")]
    public void Entries_it_did_not_write_are_ignored(string cookie)
    {
        Assert.Empty(RecentWritesCookie.Read(Request(cookie: cookie)));
    }
}
