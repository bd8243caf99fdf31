using Microsoft.AspNetCore.Http;

namespace Todo.Stubs;

/// <summary>
/// A DynamoDB endpoint on 127.0.0.1 that answers every call with <c>{}</c>: a GetItem that finds nothing,
/// so a function's real SDK call (signing, HTTP, JSON) costs what it costs, with no database behind it.
/// </summary>
public sealed class DynamoDbStub : IAsyncDisposable
{
    private LoopbackServer server = null!;
    private int requests;

    private DynamoDbStub() { }

    /// <summary>How many calls it has answered, so a measurement can tell that a call was made.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>The value for <c>AWS_ENDPOINT_URL_DYNAMODB</c>.</summary>
    public string Url => server.Url.ToString();

    public static async Task<DynamoDbStub> StartAsync()
    {
        var stub = new DynamoDbStub();
        stub.server = await LoopbackServer.StartAsync(http =>
        {
            Interlocked.Increment(ref stub.requests);
            http.Response.ContentType = "application/x-amz-json-1.0";
            return http.Response.WriteAsync("{}");
        });
        return stub;
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
