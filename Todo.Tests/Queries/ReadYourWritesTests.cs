using System.Net;
using Todo.Harness.Seeding;
using Todo.Http;
using Todo.Queries;
using Todo.Tests.Support;

namespace Todo.Tests.Queries;

/// <summary>
/// With the projection stopped the read table never catches up, so only read-your-writes can make a read show a
/// change: an item read by id always does; a list read does for a client that sends back the cookie the commands set,
/// or names versions in X-Min-Version; a client that does neither sees the read table as it is.
/// </summary>
[Slow]
public sealed class ReadYourWritesTests(StalledProjectionFixture fixture) : IClassFixture<StalledProjectionFixture>
{
    private readonly TodoApi plain = new(fixture.Http);

    [Fact]
    public async Task An_item_read_by_id_shows_each_command_at_once_with_nothing_asked()
    {
        var created = await plain.CreateAsync("Fresh");
        var id = created.Text("id");

        var afterCreate = await plain.GetAsync(id);
        Assert.Equal(HttpStatusCode.OK, afterCreate.Status);
        Assert.Equal(created.Body.ToString(), afterCreate.Body.ToString());
        Assert.Equal("\"1\"", afterCreate.Header("ETag"));

        await plain.UpdateAsync(id, new { completed = true });
        var afterUpdate = await plain.GetAsync(id);
        Assert.True(afterUpdate.Body.GetProperty("completed").GetBoolean());
        Assert.Equal("\"2\"", afterUpdate.Header("ETag"));

        await plain.DeleteAsync(id);
        Assert.Equal(HttpStatusCode.NotFound, (await plain.GetAsync(id)).Status);
        Assert.Empty(await plain.ListedIdsAsync());
    }

    [Fact]
    public async Task A_client_that_keeps_cookies_sees_its_creates_edits_and_deletes_in_the_next_list_read()
    {
        using var browserLike = fixture.NewCookieKeepingClient();
        var api = new TodoApi(browserLike);
        var kept = (await api.CreateAsync("Kept")).Text("id");
        var gone = (await api.CreateAsync("Gone")).Text("id");
        await api.UpdateAsync(kept, new { text = "Kept, renamed" });
        Assert.Equal(["Kept, renamed", "Gone"], Texts(await api.ListAsync()));

        await api.DeleteAsync(gone);

        Assert.Equal(["Kept, renamed"], Texts(await api.ListAsync()));
        Assert.DoesNotContain(kept, await plain.ListedIdsAsync());
    }

    [Fact]
    public async Task The_list_with_tokens_includes_new_todos_and_leaves_out_deleted_ones()
    {
        var kept = await plain.CreateAsync("Kept");
        var gone = await plain.CreateAsync("Gone");
        var deleted = await plain.DeleteAsync(gone.Text("id"));
        var tokens = $"{kept.Header("X-Version-Token")}, {deleted.Header("X-Version-Token")}";

        var fresh = await plain.SendWithHeaderAsync(HttpMethod.Get, "/api/todos", null, "X-Min-Version", tokens);

        Assert.DoesNotContain(kept.Text("id"), await plain.ListedIdsAsync());
        var ids = fresh.Body.EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Contains(kept.Text("id"), ids);
        Assert.DoesNotContain(gone.Text("id"), ids);
    }

    [Fact]
    public async Task Each_page_holds_the_clients_changes_that_sort_within_it_and_no_other()
    {
        using var browserLike = fixture.NewCookieKeepingClient();
        var api = new TodoApi(browserLike);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
            ids.Add((await api.CreateAsync($"Paged {i}")).Text("id"));

        var pages = new List<string>();
        string? cursor = null;
        do
        {
            var page = await api.SendAsync(HttpMethod.Get, $"/api/todos?limit=2{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            var onPage = page.Body.EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
            Assert.InRange(onPage.Count, 0, 2);
            pages.AddRange(onPage);
            cursor = page.Header("X-Next-Cursor");
        }
        while (cursor is not null);

        Assert.Equal(ids, pages.Where(ids.Contains));
    }

    [Fact]
    public async Task An_item_read_by_id_folds_a_stream_written_before_snapshots()
    {
        var id = await new HistorySeeder(fixture.App.DynamoDb, fixture.EventsTable).SeedAsync(40, withSnapshots: false);

        var fresh = await plain.GetAsync(id.ToString());

        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.Equal(HistorySeeder.TextAt(40), fresh.Text("text"));
        Assert.Equal("\"40\"", fresh.Header("ETag"));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("3f8e2a1c-0000-4000-8000-000000000000")]
    [InlineData("3f8e2a1c-0000-4000-8000-000000000000:0")]
    [InlineData("3f8e2a1c-0000-4000-8000-000000000000:x")]
    public async Task A_malformed_token_is_400(string header)
    {
        var response = await plain.SendWithHeaderAsync(HttpMethod.Get, "/api/todos", null, "X-Min-Version", header);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.True(response.Body.GetProperty("errors").TryGetProperty("X-Min-Version", out _));
    }

    [Fact]
    public async Task More_tokens_than_a_read_takes_are_400()
    {
        var header = string.Join(',', Enumerable.Range(0, MinVersions.MaxTokens + 1).Select(_ => $"{Guid.NewGuid()}:1"));

        var response = await plain.SendWithHeaderAsync(HttpMethod.Get, "/api/todos", null, "X-Min-Version", header);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains($"at most {MinVersions.MaxTokens}", response.Body.GetProperty("errors").GetProperty("X-Min-Version").GetString());
    }

    [Fact]
    public async Task A_cookie_the_api_never_set_is_read_as_no_cookie()
    {
        var id = (await plain.CreateAsync("Forged around")).Text("id");

        var response = await plain.SendWithHeaderAsync(HttpMethod.Get, "/api/todos", null, "Cookie",
            $"{RecentWritesCookie.Name}=nonsense.{id}:not-a-time.{new string('9', 40)}; other=1");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(0, response.Body.GetArrayLength());
    }

    private static List<string> Texts(ApiResponse list) => [.. list.Body.EnumerateArray().Select(t => t.GetProperty("text").GetString()!)];
}
