using System.Net;
using Todo.Tests.Support;

namespace Todo.Tests.Commands;

/// <summary>Bad input gets a 400 that names what is wrong, and nothing is written.</summary>
[Slow]
public sealed class BadInputTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private readonly TodoApi api = new(fixture.Http);

    public static TheoryData<string?, string, string?> BadBodies => new()
    {
        { null, "Request body is required", null },
        { "{\"text\":", "Request body is not valid JSON", null },
        { "[\"text\"]", "Request body must be a JSON object", null },
        { "{\"text\":\"\"}", "Invalid request body", "text" },
        { "{\"text\":\"   \"}", "Invalid request body", "text" },
        { "{\"text\":42}", "Invalid request body", "text" },
        { "{\"text\":null}", "Invalid request body", "text" },
        { "{\"text\":\"ok\",\"completed\":\"true\"}", "Invalid request body", "completed" },
        { "{\"text\":\"ok\",\"colour\":\"red\"}", "Invalid request body", "colour" },
        // Only PUT ignores the item's read-only fields; a create that names an id is refused, not given another one.
        { "{\"text\":\"ok\",\"id\":\"00000000-0000-0000-0000-000000000000\"}", "Invalid request body", "id" },
        { "{\"text\":\"ok\",\"createdAt\":\"2020-01-01T00:00:00.000Z\"}", "Invalid request body", "createdAt" },
        { "{\"text\":\"" + new string('x', 1001) + "\"}", "Invalid request body", "text" },
        { "{\"text\":\"" + new string('x', 70_000) + "\"}", "Request body is larger than 65536 bytes", null },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_create_is_400_naming_the_field_and_writes_nothing(string? body, string message, string? field)
    {
        var before = await fixture.CountEventsAsync();

        var response = await api.SendAsync(HttpMethod.Post, "/api/todos", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(message, response.Text("message"));
        if (field is not null)
            Assert.True(response.Body.GetProperty("errors").TryGetProperty(field, out _), response.Body.ToString());
        Assert.Equal(before, await fixture.CountEventsAsync());
    }

    [Theory]
    [InlineData("{\"completed\":1}", "completed")]
    [InlineData("{\"completed\":null}", "completed")]
    [InlineData("{\"text\":\"\\u0007bell\"}", "text")]
    [InlineData("{\"text\":\"ok\",\"text\":\"again\"}", "text")]
    [InlineData("{\"complete\":true}", "complete")]
    [InlineData("{\"id\":[[[[[[[[[[1]]]]]]]]]],\"completed\":true}", "body")]
    public async Task A_bad_update_is_400_and_writes_nothing(string body, string field)
    {
        var id = (await api.CreateAsync("Stays as it is")).Text("id");
        var before = await fixture.CountEventsAsync();

        var response = await api.SendAsync(HttpMethod.Put, $"/api/todos/{id}", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.True(response.Body.GetProperty("errors").TryGetProperty(field, out _), response.Body.ToString());
        Assert.Equal(before, await fixture.CountEventsAsync());
    }

    [Fact]
    public async Task A_body_that_is_not_UTF8_is_400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/todos") { Content = new ByteArrayContent([0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D]) };
        var response = await ApiResponse.ReadAsync(await fixture.Http.SendAsync(request));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("Request body is not valid UTF-8 text", response.Text("message"));
    }
}
