using System.Net;
using System.Text.RegularExpressions;
using Todo.Tests.Support;

namespace Todo.Tests.Api;

/// <summary>Every API route end to end through the local host, on DynamoDB Local, with the classic contract's shapes and codes.</summary>
[Slow]
public sealed partial class ApiRoutesTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private readonly TodoApi api = new(fixture.Http);

    [Fact]
    public async Task Post_answers_201_with_the_new_item()
    {
        var created = await api.CreateAsync("  Buy milk  ");

        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal(["id", "text", "completed", "createdAt"], created.Body.EnumerateObject().Select(p => p.Name));
        Assert.True(Guid.TryParseExact(created.Text("id"), "D", out _));
        Assert.Equal("Buy milk", created.Text("text"));
        Assert.False(created.Body.GetProperty("completed").GetBoolean());
        Assert.Matches(IsoMilliseconds(), created.Text("createdAt"));
        Assert.Equal("application/json", created.Header("Content-Type"));
        Assert.Equal(fixture.App.Origin, created.Header("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_created_todo_is_listed_after_the_projection_in_createdAt_order()
    {
        var ids = new List<string>();
        foreach (var text in new[] { "first", "second", "third" })
            ids.Add((await api.CreateAsync(text)).Text("id"));

        var list = await api.EventuallyAsync(a => a.ListAsync(), r => ids.All(id => r.Body.EnumerateArray().Any(i => i.GetProperty("id").GetString() == id)));

        var listed = list.Body.EnumerateArray().ToList();
        Assert.Equal(ids, listed.Select(i => i.GetProperty("id").GetString()).Where(id => ids.Contains(id!)));
        var createdAts = listed.Select(i => i.GetProperty("createdAt").GetString()!).ToList();
        Assert.Equal(createdAts.Order(StringComparer.Ordinal), createdAts);
    }

    [Fact]
    public async Task Get_answers_the_item_or_404()
    {
        var id = (await api.CreateAsync("Read me")).Text("id");

        var found = await api.EventuallyAsync(a => a.GetAsync(id), TodoApi.IsOk);
        Assert.Equal("Read me", found.Text("text"));

        foreach (var unknown in new[] { Guid.NewGuid().ToString(), "not-a-uuid" })
        {
            var missing = await api.GetAsync(unknown);
            Assert.Equal(HttpStatusCode.NotFound, missing.Status);
            Assert.Equal("Todo item not found", missing.Text("message"));
        }
    }

    [Fact]
    public async Task Put_answers_200_with_the_full_item_and_keeps_createdAt()
    {
        var created = await api.CreateAsync("Draft");
        var id = created.Text("id");

        var renamed = await api.UpdateAsync(id, new { text = "Final" });
        var completed = await api.UpdateAsync(id, new { completed = true });

        Assert.Equal(HttpStatusCode.OK, renamed.Status);
        Assert.Equal(HttpStatusCode.OK, completed.Status);
        Assert.Equal(created.Text("createdAt"), completed.Text("createdAt"));
        Assert.Equal("Final", completed.Text("text"));
        Assert.True(completed.Body.GetProperty("completed").GetBoolean());
        var read = await api.EventuallyAsync(a => a.GetAsync(id), r => r.Status == HttpStatusCode.OK && r.Body.GetProperty("completed").GetBoolean());
        Assert.Equal(completed.Body.ToString(), read.Body.ToString());
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"id":"00000000-0000-0000-0000-000000000000","createdAt":"2020-01-01T00:00:00.000Z"}""")]
    [InlineData("""{"createdAt":null}""")]
    public async Task Put_without_text_or_completed_is_400_No_updatable_fields_provided(string body)
    {
        var id = (await api.CreateAsync("Unchanged")).Text("id");
        var before = await fixture.CountEventsAsync();

        var rejected = await api.SendAsync(HttpMethod.Put, $"/api/todos/{id}", body);

        Assert.Equal(HttpStatusCode.BadRequest, rejected.Status);
        Assert.Equal("No updatable fields provided", rejected.Text("message"));
        Assert.Equal(before, await fixture.CountEventsAsync());
    }

    [Fact]
    public async Task Put_of_the_object_GET_gave_back_is_200_and_changes_only_text_and_completed()
    {
        var created = await api.CreateAsync("As read");
        var id = created.Text("id");
        var read = await api.EventuallyAsync(a => a.GetAsync(id), TodoApi.IsOk);
        var edited = $$"""{"id":"{{id}}","text":"As edited","completed":true,"createdAt":"{{read.Text("createdAt")}}"}""";

        var updated = await api.SendAsync(HttpMethod.Put, $"/api/todos/{id}", edited);

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal($$"""{"id":"{{id}}","text":"As edited","completed":true,"createdAt":"{{created.Text("createdAt")}}"}""", updated.Body.GetRawText());
        // The read side comes to show the same item (its events are projected one at a time).
        await api.EventuallyAsync(a => a.GetAsync(id), r => r.Status == HttpStatusCode.OK && r.Body.GetRawText() == updated.Body.GetRawText());
    }

    /// <summary>id and createdAt are read-only: whatever a client sends for them is ignored, not applied and not checked.</summary>
    [Theory]
    [InlineData("\"00000000-0000-0000-0000-000000000000\"", "\"1999-12-31T23:59:59.999Z\"")]
    [InlineData("42", "null")]
    [InlineData("{\"nested\":[1,2]}", "false")]
    [InlineData("\"not an id\"", "\"not a time\"")]
    public async Task Put_ignores_whatever_id_and_createdAt_say(string idValue, string createdAtValue)
    {
        var created = await api.CreateAsync("Read-only fields");
        var id = created.Text("id");

        var updated = await api.SendAsync(HttpMethod.Put, $"/api/todos/{id}", $$"""{"createdAt":{{createdAtValue}},"completed":true,"id":{{idValue}}}""");

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal(id, updated.Text("id"));
        Assert.Equal("Read-only fields", updated.Text("text"));
        Assert.True(updated.Body.GetProperty("completed").GetBoolean());
        Assert.Equal(created.Text("createdAt"), updated.Text("createdAt"));
    }

    [Theory]
    [InlineData("""{"complete":true}""", "complete")]
    [InlineData("""{"id":"x","text":"Renamed","complete":true}""", "complete")]
    [InlineData("""{"text":"Renamed","createdAt":"a","createdAt":"b"}""", "createdAt")]
    [InlineData("""{"text":"Renamed","id":1,"id":1}""", "id")]
    [InlineData("""{"text":"Renamed","version":2}""", "version")]
    public async Task Put_with_an_unknown_or_repeated_field_is_400_naming_it_and_writes_nothing(string body, string field)
    {
        var id = (await api.CreateAsync("Misspelt")).Text("id");
        var before = await fixture.CountEventsAsync();

        var rejected = await api.SendAsync(HttpMethod.Put, $"/api/todos/{id}", body);

        Assert.Equal(HttpStatusCode.BadRequest, rejected.Status);
        Assert.Equal("Invalid request body", rejected.Text("message"));
        Assert.Equal([field], rejected.Body.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal(before, await fixture.CountEventsAsync());
    }

    [Fact]
    public async Task Put_and_delete_of_an_unknown_or_deleted_todo_are_404()
    {
        var id = (await api.CreateAsync("Short-lived")).Text("id");
        Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync(id)).Status);

        foreach (var target in new[] { id, Guid.NewGuid().ToString(), "42" })
        {
            var put = await api.UpdateAsync(target, new { completed = true });
            var delete = await api.DeleteAsync(target);
            Assert.Equal(HttpStatusCode.NotFound, put.Status);
            Assert.Equal(HttpStatusCode.NotFound, delete.Status);
            Assert.Equal("Todo item not found", put.Text("message"));
        }
    }

    [Fact]
    public async Task Delete_answers_200_and_the_todo_leaves_the_read_side()
    {
        var id = (await api.CreateAsync("Delete me")).Text("id");
        // Listed first: otherwise a create still projecting would pass the unlisted check below by itself.
        await api.ProjectedAsync(id);

        var deleted = await api.DeleteAsync(id);

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal("""{"message":"Todo item deleted successfully"}""", deleted.Body.GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(id)).Status);
        await api.UnlistedAsync(id);
    }

    [Fact]
    public async Task A_path_or_method_the_template_does_not_route_gets_API_Gateways_403()
    {
        foreach (var (method, path) in new[] { ("GET", "/api/nothing"), ("PATCH", "/api/todos"), ("POST", $"/api/todos/{Guid.NewGuid()}"), ("GET", "/api/todos/a/b") })
        {
            var response = await api.SendAsync(new HttpMethod(method), path);
            Assert.Equal(HttpStatusCode.Forbidden, response.Status);
            Assert.Equal("Missing Authentication Token", response.Text("message"));
        }
    }

    [Fact]
    public async Task A_preflight_gets_the_APIs_CORS_headers()
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/todos/" + Guid.NewGuid());
        request.Headers.Add("Origin", fixture.App.Origin);
        request.Headers.Add("Access-Control-Request-Method", "PUT");
        var response = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(fixture.App.Origin, response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("PUT", response.Headers.GetValues("Access-Control-Allow-Methods").Single());
        Assert.Equal("Authorization,Content-Type,Idempotency-Key,If-Match,X-Min-Version", response.Headers.GetValues("Access-Control-Allow-Headers").Single());
    }

    [Fact]
    public async Task The_web_app_is_served_with_index_html_for_any_other_path()
    {
        foreach (var path in new[] { "/", "/todos/active", "/index.html" })
        {
            var response = await fixture.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("<div id=\"root\">", await response.Content.ReadAsStringAsync());
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")]
    private static partial Regex IsoMilliseconds();
}
