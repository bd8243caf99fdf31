using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Todo.Stubs;

namespace Todo.Tests.Live;

/// <summary>
/// A stand-in for API Gateway's management API on 127.0.0.1: it writes down every request and answers as the test
/// says, by default 200 (a connection that took the message).
/// </summary>
public sealed class ManagementEndpoint : IAsyncDisposable
{
    private LoopbackServer server = null!;

    private ManagementEndpoint() { }

    public ConcurrentQueue<ManagementRequest> Requests { get; } = new();

    /// <summary>Given the request and a token cancelled when its client gives up on it.</summary>
    public Func<ManagementRequest, CancellationToken, Task<ManagementAnswer>> Answer { get; set; } = (_, _) => Task.FromResult(ManagementAnswer.Ok);

    /// <summary>The stage's URL, what <c>LIVE_CONNECTIONS_URL</c> holds.</summary>
    public Uri StageUrl => new(server.Url, "/prod");

    public static async Task<ManagementEndpoint> StartAsync()
    {
        var endpoint = new ManagementEndpoint();
        endpoint.server = await LoopbackServer.StartAsync(endpoint.HandleAsync);
        return endpoint;
    }

    private async Task HandleAsync(HttpContext http)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        var request = new ManagementRequest(
            http.Request.Method,
            http.Features.Get<IHttpRequestFeature>()!.RawTarget,
            http.Request.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value.ToString()),
            body.ToArray());
        Requests.Enqueue(request);
        ManagementAnswer answer;
        try
        {
            answer = await Answer(request, http.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        http.Response.StatusCode = answer.Status;
        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        if (answer.ErrorType is not null)
            http.Response.Headers["x-amzn-ErrorType"] = answer.ErrorType;
        if (answer.Body is not null)
        {
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(answer.Body);
        }
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();
}
