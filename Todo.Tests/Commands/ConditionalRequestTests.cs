using System.Net;
using Amazon.Runtime;
using Todo.Tests.Support;

namespace Todo.Tests.Commands;

/// <summary>
/// ETag and If-Match: optimistic concurrency over HTTP, and what each command costs in DynamoDB requests.
/// The handler's preconditions and conflicts are tested on the in-memory store in <see cref="HandlerPreconditionTests"/>.
/// </summary>
[Slow]
public sealed class ConditionalRequestTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private readonly TodoApi api = new(fixture.Http);

    [Fact]
    public async Task Every_item_answer_carries_its_version_as_ETag()
    {
        var created = await api.CreateAsync("Tagged");
        var id = created.Text("id");
        var updated = await api.UpdateAsync(id, new { completed = true });
        var read = await api.EventuallyAsync(a => a.GetAsync(id), r => r.Header("ETag") == "\"2\"");

        Assert.Equal("\"1\"", created.Header("ETag"));
        Assert.Equal($"{id}:1", created.Header("X-Version-Token"));
        Assert.Equal("\"2\"", updated.Header("ETag"));
        Assert.Equal($"{id}:2", updated.Header("X-Version-Token"));
        Assert.True(read.Body.GetProperty("completed").GetBoolean());
    }

    [Fact]
    public async Task A_current_If_Match_applies_and_a_stale_one_is_412_and_writes_nothing()
    {
        var id = (await api.CreateAsync("Guarded")).Text("id");
        var applied = await api.SendWithHeaderAsync(HttpMethod.Put, $"/api/todos/{id}", """{"text":"Guarded v2"}""", "If-Match", "\"1\"");
        var events = (await fixture.EventsOfAsync(Guid.Parse(id))).Events.Count;

        var stale = await api.SendWithHeaderAsync(HttpMethod.Put, $"/api/todos/{id}", """{"text":"Lost update"}""", "If-Match", "\"1\"");
        var staleDelete = await api.SendWithHeaderAsync(HttpMethod.Delete, $"/api/todos/{id}", null, "If-Match", "\"1\"");

        Assert.Equal(HttpStatusCode.OK, applied.Status);
        Assert.Equal((HttpStatusCode)412, stale.Status);
        Assert.Equal((HttpStatusCode)412, staleDelete.Status);
        Assert.Equal("\"2\"", stale.Header("ETag"));
        Assert.True(stale.Body.GetProperty("errors").TryGetProperty("If-Match", out _));
        Assert.Equal(events, (await fixture.EventsOfAsync(Guid.Parse(id))).Events.Count);

        var delete = await api.SendWithHeaderAsync(HttpMethod.Delete, $"/api/todos/{id}", null, "If-Match", "\"2\"");
        Assert.Equal(HttpStatusCode.OK, delete.Status);
    }

    [Theory]
    [InlineData("*", HttpStatusCode.OK)]
    [InlineData("1", HttpStatusCode.BadRequest)]
    [InlineData("W/\"1\"", HttpStatusCode.BadRequest)]
    [InlineData("\"1\", \"2\"", HttpStatusCode.BadRequest)]
    public async Task If_Match_takes_one_strong_tag_or_a_star(string ifMatch, HttpStatusCode expected)
    {
        var id = (await api.CreateAsync("Tag syntax")).Text("id");

        var response = await api.SendWithHeaderAsync(HttpMethod.Put, $"/api/todos/{id}", """{"completed":true}""", "If-Match", ifMatch);

        Assert.Equal(expected, response.Status);
    }

    [Fact]
    public async Task A_create_costs_one_request_and_an_update_or_delete_two()
    {
        using var client = DirectInvocation.Client(fixture);
        var requests = new List<string>();
        client.BeforeRequestEvent += (_, e) => requests.Add(((WebServiceRequestEventArgs)e).Request.GetType().Name);

        var created = await DirectInvocation.InvokeAsync(DirectInvocation.Function(fixture, "create-todo", client),
            DirectInvocation.Request("POST", "/api/todos", new { text = "Counted" }));
        var createCost = requests.ToList();
        requests.Clear();
        var id = System.Text.Json.JsonDocument.Parse(created.Body!).RootElement.GetProperty("id").GetString()!;
        await DirectInvocation.InvokeAsync(DirectInvocation.Function(fixture, "update-todo", client),
            DirectInvocation.Request("PUT", $"/api/todos/{id}", new { text = "Counted twice", completed = true }, id: id));
        var updateCost = requests.ToList();
        requests.Clear();
        await DirectInvocation.InvokeAsync(DirectInvocation.Function(fixture, "delete-todo", client),
            DirectInvocation.Request("DELETE", $"/api/todos/{id}", headers: new() { ["Idempotency-Key"] = Guid.NewGuid().ToString() }, id: id));
        var deleteCost = requests.ToList();

        Assert.Equal(["PutItemRequest"], createCost);
        Assert.Equal(["QueryRequest", "TransactWriteItemsRequest"], updateCost);
        Assert.Equal(["QueryRequest", "TransactWriteItemsRequest"], deleteCost);
    }

}
