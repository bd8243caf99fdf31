using System.Net;
using Todo.Harness.Seeding;
using Todo.Tests.Support;

namespace Todo.Tests.Queries;

/// <summary>With the projection stalled, a read that carries the command's version token still returns the new state.</summary>
[Slow]
public sealed class ReadYourWritesTests(StalledProjectionFixture fixture) : IClassFixture<StalledProjectionFixture>
{
    private readonly TodoApi api = new(fixture.Http);

    [Fact]
    public async Task A_read_with_the_token_sees_the_write_the_projection_has_not_applied()
    {
        var created = await api.CreateAsync("Fresh");
        var id = created.Text("id");

        var plain = await api.GetAsync(id);
        var fresh = await api.SendWithHeaderAsync(HttpMethod.Get, $"/api/todos/{id}", null, "X-Min-Version", created.Header("X-Version-Token"));

        Assert.Equal(HttpStatusCode.NotFound, plain.Status);
        Assert.Equal(HttpStatusCode.OK, fresh.Status);
        Assert.Equal(created.Body.ToString(), fresh.Body.ToString());
        Assert.Equal("\"1\"", fresh.Header("ETag"));

        var updated = await api.UpdateAsync(id, new { completed = true });
        var afterUpdate = await api.SendWithHeaderAsync(HttpMethod.Get, $"/api/todos/{id}", null, "X-Min-Version", updated.Header("X-Version-Token"));
        Assert.True(afterUpdate.Body.GetProperty("completed").GetBoolean());
    }

    [Fact]
    public async Task The_list_with_tokens_includes_new_todos_and_leaves_out_deleted_ones()
    {
        var kept = await api.CreateAsync("Kept");
        var gone = await api.CreateAsync("Gone");
        var deleted = await api.DeleteAsync(gone.Text("id"));
        var tokens = $"{kept.Header("X-Version-Token")}, {deleted.Header("X-Version-Token")}";

        var plain = await api.ListAsync();
        var fresh = await api.SendWithHeaderAsync(HttpMethod.Get, "/api/todos", null, "X-Min-Version", tokens);

        Assert.DoesNotContain(plain.Body.EnumerateArray(), t => t.GetProperty("id").GetString() == kept.Text("id"));
        var ids = fresh.Body.EnumerateArray().Select(t => t.GetProperty("id").GetString()).ToList();
        Assert.Contains(kept.Text("id"), ids);
        Assert.DoesNotContain(gone.Text("id"), ids);
    }

    [Fact]
    public async Task A_read_with_the_token_folds_a_stream_written_before_snapshots()
    {
        var id = await new HistorySeeder(fixture.App.DynamoDb, fixture.EventsTable).SeedAsync(40, withSnapshots: false);

        var fresh = await api.SendWithHeaderAsync(HttpMethod.Get, $"/api/todos/{id}", null, "X-Min-Version", $"{id}:40");

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
        var response = await api.SendWithHeaderAsync(HttpMethod.Get, "/api/todos", null, "X-Min-Version", header);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.True(response.Body.GetProperty("errors").TryGetProperty("X-Min-Version", out _));
    }
}
