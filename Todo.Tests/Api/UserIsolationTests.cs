using System.Net;
using Microsoft.IdentityModel.JsonWebTokens;
using Todo.Queries;
using Todo.Store.ReadTable;
using Todo.Tests.Support;

namespace Todo.Tests.Api;

/// <summary>
/// Two users of the app with sign-in: each has their own list, another user's todo is exactly as absent
/// as an unknown id on every route that names one (and nothing about it changes), and each user's
/// Idempotency-Keys are their own.
/// </summary>
[Slow]
public sealed class UserIsolationTests(SignInAppFixture fixture) : IClassFixture<SignInAppFixture>
{
    [Fact]
    public async Task Each_user_lists_only_their_own_todos()
    {
        var alice = await fixture.NewUserAsync();
        var bob = await fixture.NewUserAsync();
        var hers = new[] { (await alice.Api.CreateAsync("Alice's first")).Text("id"), (await alice.Api.CreateAsync("Alice's second")).Text("id") };
        var his = (await bob.Api.CreateAsync("Bob's only")).Text("id");

        await alice.Api.EventuallyAsync(a => a.ListAsync(), r => r.Body.GetArrayLength() == 2);
        await bob.Api.EventuallyAsync(a => a.ListAsync(), r => r.Body.GetArrayLength() == 1);

        Assert.Equal(hers, await alice.Api.ListedIdsAsync());
        Assert.Equal([his], await bob.Api.ListedIdsAsync());
    }

    public static TheoryData<string, string> RoutesNamingATodo => new()
    {
        { "GET", "" },
        { "GET", "?asOfVersion=1" },
        { "GET", "?asOf=2100-01-01T00:00:00Z" },
        { "GET", "/events" },
        { "GET", "/events?limit=1" },
        // A cursor as the API would give it to this caller for that todo's history: well formed, so only ownership can answer.
        { "GET", "/events?limit=1&cursor={cursor}" },
        { "PUT", "" },
        { "DELETE", "" },
    };

    /// <summary>What a request may carry that names a version or a key: none of it may make another user's todo answer otherwise.</summary>
    private static readonly (string? Name, string Value)[] Headers =
    [
        (null, ""), ("If-Match", "\"99\""), ("If-Match", "\"1\""), ("If-Match", "*"), ("X-Min-Version", "{id}:1"), ("X-Min-Version", "{id}:99"),
        ("Idempotency-Key", "isolation-key"),
    ];

    public static TheoryData<string, string, int> RoutesAndHeaders()
    {
        var data = new TheoryData<string, string, int>();
        foreach (var (method, suffix) in RoutesNamingATodo.Select(row => ((string)row[0], (string)row[1])))
        {
            for (var header = 0; header < Headers.Length; header++)
                data.Add(method, suffix, header);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RoutesAndHeaders))]
    public async Task Another_users_todo_answers_exactly_as_an_unknown_id_and_stays_as_it_was(string method, string suffix, int header)
    {
        var alice = await fixture.NewUserAsync();
        var bob = await fixture.NewUserAsync();
        var id = (await alice.Api.CreateAsync("Alice's secret")).Text("id");
        await alice.Api.EventuallyAsync(a => a.GetAsync(id), TodoApi.IsOk);
        var body = method == "PUT" ? """{"text":"Bob was here","completed":true}""" : null;
        var (name, value) = Headers[header];
        var unknownId = Guid.NewGuid().ToString();

        string Path(string todo) =>
            $"/api/todos/{todo}{suffix.Replace("{cursor}", ListPage.Encode("1", $"{TodoTable.ListOf(new JsonWebToken(bob.Tokens.IdToken).Subject)}/{todo}"))}";

        var foreign = await bob.Api.SendWithHeaderAsync(new HttpMethod(method), Path(id), body, name, value.Replace("{id}", id));
        var unknown = await bob.Api.SendWithHeaderAsync(new HttpMethod(method), Path(unknownId), body, name, value.Replace("{id}", unknownId));

        Assert.Equal(HttpStatusCode.NotFound, foreign.Status);
        Assert.Equal(unknown.Status, foreign.Status);
        Assert.Equal(unknown.Body.ToString(), foreign.Body.ToString());
        Assert.Equal(HeaderNames(unknown), HeaderNames(foreign));
        Assert.Null(foreign.Header("ETag"));
        var events = await fixture.EventsOfAsync(Guid.Parse(id));
        Assert.Single(events.Events);
        var still = await alice.Api.GetAsync(id);
        Assert.Equal(("Alice's secret", false), (still.Text("text"), still.Body.GetProperty("completed").GetBoolean()));
    }

    /// <summary>The headers an answer carries, less those that differ between any two answers.</summary>
    private static List<string> HeaderNames(ApiResponse response) =>
        [.. response.Message.Headers.Concat(response.Message.Content.Headers).Select(h => h.Key).Where(h => h is not ("Date" or "Transfer-Encoding")).Order()];

    [Fact]
    public async Task Another_users_changes_feed_shows_nothing_of_the_callers_and_the_callers_tokens_are_made_up_to_them()
    {
        var alice = await fixture.NewUserAsync();
        var bob = await fixture.NewUserAsync();
        var kept = (await alice.Api.CreateAsync("Alice's, in her feed")).Text("id");
        var gone = (await alice.Api.CreateAsync("Alice's, deleted")).Text("id");
        await alice.Api.DeleteAsync(gone);
        await alice.Api.ProjectedAsync(kept);
        await alice.Api.UnlistedAsync(gone);
        await Task.Delay(Queries.ChangesFeedTests.SettleOf(fixture));
        // Her feed shows both once they have settled: so his shows nothing because nothing of hers is his.
        var hers = await alice.Api.EventuallyAsync(a => a.SendAsync(HttpMethod.Get, "/api/todos/changes"),
            r => r.Body.GetProperty("changes").GetArrayLength() == 2 && r.Body.GetProperty("changes")[1].TryGetProperty("deleted", out _));
        var token = hers.Text("next");

        var his = await bob.Api.SendAsync(HttpMethod.Get, "/api/todos/changes");
        var withHerToken = await bob.Api.SendAsync(HttpMethod.Get, $"/api/todos/changes?after={token}");

        Assert.Equal([kept, gone], hers.Body.GetProperty("changes").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(HttpStatusCode.OK, his.Status);
        Assert.Equal(0, his.Body.GetProperty("changes").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, withHerToken.Status);
        Assert.Equal("is not a token this API gave out", withHerToken.Body.GetProperty("errors").GetProperty("after").GetString());
        Assert.Equal(HttpStatusCode.OK, (await alice.Api.SendAsync(HttpMethod.Get, $"/api/todos/changes?after={token}")).Status);
    }

    [Fact]
    public async Task A_read_asking_for_another_users_version_never_shows_that_todo()
    {
        var alice = await fixture.NewUserAsync();
        var bob = await fixture.NewUserAsync();
        var id = (await alice.Api.CreateAsync("Alice's, fresh")).Text("id");

        var item = await bob.Api.SendWithHeaderAsync(HttpMethod.Get, $"/api/todos/{id}", null, "X-Min-Version", $"{id}:1");
        var list = await bob.Api.SendWithHeaderAsync(HttpMethod.Get, "/api/todos", null, "X-Min-Version", $"{id}:1");

        Assert.Equal(HttpStatusCode.NotFound, item.Status);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(0, list.Body.GetArrayLength());
    }

    [Fact]
    public async Task Another_users_recent_writes_cookie_shows_none_of_their_todos()
    {
        var alice = await fixture.NewUserAsync();
        var bob = await fixture.NewUserAsync();
        var created = await alice.Api.CreateAsync("Alice's, in her cookie");
        var cookie = created.Message.Headers.GetValues("Set-Cookie").First().Split(';')[0];

        var list = await bob.Api.SendWithHeaderAsync(HttpMethod.Get, "/api/todos", null, "Cookie", cookie);
        var hers = await alice.Api.SendWithHeaderAsync(HttpMethod.Get, "/api/todos", null, "Cookie", cookie);

        Assert.StartsWith($"{Todo.Http.RecentWritesCookie.Name}=", cookie);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Equal(0, list.Body.GetArrayLength());
        Assert.Contains(hers.Body.EnumerateArray(), t => t.GetProperty("id").GetString() == created.Text("id"));
    }

    [Fact]
    public async Task The_same_Idempotency_Key_used_by_two_users_gives_two_independent_results()
    {
        var alice = await fixture.NewUserAsync();
        var bob = await fixture.NewUserAsync();
        var key = Guid.NewGuid().ToString();
        const string body = """{"text":"Same key, same text"}""";

        var hers = await alice.Api.SendWithHeaderAsync(HttpMethod.Post, "/api/todos", body, "Idempotency-Key", key);
        var his = await bob.Api.SendWithHeaderAsync(HttpMethod.Post, "/api/todos", body, "Idempotency-Key", key);
        var hersAgain = await alice.Api.SendWithHeaderAsync(HttpMethod.Post, "/api/todos", body, "Idempotency-Key", key);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (hers.Status, his.Status));
        Assert.Null(his.Header("Idempotent-Replayed"));
        Assert.NotEqual(hers.Text("id"), his.Text("id"));
        Assert.Equal("true", hersAgain.Header("Idempotent-Replayed"));
        Assert.Equal(hers.Text("id"), hersAgain.Text("id"));
        await bob.Api.EventuallyAsync(a => a.GetAsync(his.Text("id")), TodoApi.IsOk);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.Api.GetAsync(hers.Text("id"))).Status);
    }

    [Fact]
    public async Task The_item_keeps_the_classic_shape_and_the_event_records_its_owner()
    {
        var alice = await fixture.NewUserAsync();

        var created = await alice.Api.CreateAsync("Mine");

        Assert.Equal(["completed", "createdAt", "id", "text"], created.Body.EnumerateObject().Select(p => p.Name).Order());
        var stored = Assert.Single((await fixture.EventsOfAsync(Guid.Parse(created.Text("id")))).Events);
        var sub = System.Text.Json.JsonDocument.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(alice.Tokens.IdToken.Split('.')[1])).RootElement.GetProperty("sub").GetString();
        Assert.Equal(sub, stored.Owner);
        Assert.Equal(sub, Assert.IsType<Todo.Domain.Events.TodoCreated>(stored.Event).Owner);
    }
}
