using System.Net;
using Amazon.Runtime;
using Todo.Tests.Support;

namespace Todo.Tests.Commands;

/// <summary>A function that dies after its transaction committed but before it answered: the client's retry with the same key gets the stored answer, and the effect happened once.</summary>
[Slow]
public sealed class CrashAfterAppendTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    [Fact]
    public async Task The_retry_replays_the_stored_answer_and_there_is_exactly_one_effect()
    {
        var key = Guid.NewGuid().ToString();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = key };
        var before = await fixture.CountEventsAsync();

        using (var dying = DirectInvocation.Client(fixture))
        {
            // The write reaches DynamoDB and commits; then the function dies before it can answer.
            dying.AfterResponseEvent += (_, e) =>
            {
                if (e is WebServiceResponseEventArgs { Request: Amazon.DynamoDBv2.Model.TransactWriteItemsRequest })
                    throw new OperationCanceledException("The function was stopped after the write.");
            };
            var create = DirectInvocation.Function(fixture, "create-todo", dying);
            await Assert.ThrowsAnyAsync<Exception>(() => DirectInvocation.InvokeAsync(create, DirectInvocation.Request("POST", "/api/todos", new { text = "Survives a crash" }, headers)));
        }
        Assert.Equal(before + 1, await fixture.CountEventsAsync());

        var retry = await new TodoApi(fixture.Http).SendWithHeaderAsync(HttpMethod.Post, "/api/todos", """{"text":"Survives a crash"}""", "Idempotency-Key", key);

        Assert.Equal(HttpStatusCode.Created, retry.Status);
        Assert.Equal("true", retry.Header("Idempotent-Replayed"));
        Assert.Equal("Survives a crash", retry.Text("text"));
        Assert.Equal(before + 1, await fixture.CountEventsAsync());
        Assert.Single((await fixture.EventsOfAsync(Guid.Parse(retry.Text("id")))).Events);
    }
}
