using System.Net;
using Amazon.DynamoDBv2.Model;
using Todo.Domain;
using Todo.Domain.Events;
using Todo.Store.Events;
using Todo.Tests.Support;

namespace Todo.Tests.Api;

/// <summary>
/// The open API's one shared list beside todos that users own (a stack switched from sign-in to AuthMode none):
/// a user's todo is exactly as absent as an unknown id on every route, whatever the request's headers say.
/// </summary>
[Slow]
public sealed class OpenModeIsolationTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private readonly TodoApi api = new(fixture.Http);

    /// <summary>A user's todo, written to the events table as the command function writes one for a signed-in user.</summary>
    private async Task<string> UsersTodoAsync()
    {
        var id = Guid.NewGuid();
        var owner = Guid.NewGuid().ToString();
        var now = Timestamp.Truncate(DateTimeOffset.UtcNow);
        var created = new TodoCreated("A user's own", now, owner);
        await fixture.App.DynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = fixture.EventsTable,
            Item = EventCodec.ToItem(new StoredEvent(id, 1, created, now, "seed", Owner: owner), new TodoState.Live(created.Text, false, now, owner)),
        });
        return id.ToString();
    }

    public static TheoryData<string, string, string?, string> Requests => new()
    {
        { "GET", "", null, "" },
        { "GET", "", "X-Min-Version", "{id}:1" },
        { "GET", "?asOfVersion=1", null, "" },
        { "GET", "?asOf=2100-01-01T00:00:00Z", null, "" },
        { "GET", "/events", null, "" },
        { "PUT", "", null, "" },
        { "PUT", "", "If-Match", "\"99\"" },
        { "PUT", "", "Idempotency-Key", "open-mode-key" },
        { "DELETE", "", null, "" },
        { "DELETE", "", "If-Match", "\"99\"" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_users_todo_answers_the_open_API_exactly_as_an_unknown_id(string method, string suffix, string? header, string value)
    {
        var id = await UsersTodoAsync();
        var unknownId = Guid.NewGuid().ToString();
        var body = method == "PUT" ? """{"completed":true}""" : null;

        var owned = await api.SendWithHeaderAsync(new HttpMethod(method), $"/api/todos/{id}{suffix}", body, header, value.Replace("{id}", id));
        var unknown = await api.SendWithHeaderAsync(new HttpMethod(method), $"/api/todos/{unknownId}{suffix}", body, header, value.Replace("{id}", unknownId));

        Assert.Equal(HttpStatusCode.NotFound, owned.Status);
        Assert.Equal(unknown.Body.ToString(), owned.Body.ToString());
        Assert.Null(owned.Header("ETag"));
        Assert.Single((await fixture.EventsOfAsync(Guid.Parse(id))).Events);
        Assert.DoesNotContain(id, await api.ListedIdsAsync());
    }
}
