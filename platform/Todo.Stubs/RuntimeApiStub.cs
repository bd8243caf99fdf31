using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;

namespace Todo.Stubs;

/// <summary>
/// The Lambda Runtime API (<c>2018-06-01</c>) on 127.0.0.1 and a free port: it hands out the invocations
/// a test queues and records what the runtime posts back, stamped with <see cref="Stopwatch.GetTimestamp"/>.
/// </summary>
public sealed class RuntimeApiStub : IAsyncDisposable
{
    private const string Prefix = "/2018-06-01/runtime/";

    private readonly Channel<StubInvocation> pending = Channel.CreateUnbounded<StubInvocation>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<RuntimeReply>> replies = new();
    private readonly TaskCompletionSource<RuntimeReply> initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LoopbackServer server = null!;

    private RuntimeApiStub() { }

    /// <summary>The value for <c>AWS_LAMBDA_RUNTIME_API</c>: host and port.</summary>
    public string Address => server.Url.Authority;

    /// <summary>Completes when the runtime reports that it could not start.</summary>
    public Task<RuntimeReply> InitError => initError.Task;

    public static async Task<RuntimeApiStub> StartAsync()
    {
        var stub = new RuntimeApiStub();
        stub.server = await LoopbackServer.StartAsync(stub.HandleAsync);
        return stub;
    }

    private Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "";
        if (!path.StartsWith(Prefix, StringComparison.Ordinal))
            return NotFound(http);
        var route = path[Prefix.Length..].Split('/');
        return (http.Request.Method, route) switch
        {
            ("GET", ["invocation", "next"]) => NextAsync(http),
            ("POST", ["invocation", var id, "response"]) => ReplyAsync(http, id, RuntimeReplyKind.Response),
            ("POST", ["invocation", var id, "error"]) => ReplyAsync(http, id, RuntimeReplyKind.Error),
            ("POST", ["init", "error"]) => ReplyAsync(http, null, RuntimeReplyKind.InitError),
            _ => NotFound(http),
        };
    }

    /// <summary>A long poll, as Lambda's: it answers when there is an event.</summary>
    private async Task NextAsync(HttpContext http)
    {
        StubInvocation invocation;
        try
        {
            invocation = await pending.Reader.ReadAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            http.Response.StatusCode = 503;
            return;
        }
        foreach (var (name, value) in invocation.Headers)
            http.Response.Headers[name] = value;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(invocation.Payload, http.RequestAborted);
    }

    private async Task ReplyAsync(HttpContext http, string? requestId, RuntimeReplyKind kind)
    {
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, http.RequestAborted);
        var reply = new RuntimeReply(kind, body.ToArray(), http.Request.ContentType,
            http.Request.Headers["Lambda-Runtime-Function-Error-Type"].FirstOrDefault(), Stopwatch.GetTimestamp());
        var waiting = requestId is null ? initError : replies.GetValueOrDefault(requestId);
        if (waiting is null || !waiting.TrySetResult(reply))
        {
            // As Lambda: a reply for an unknown or already answered request is refused.
            http.Response.StatusCode = 400;
            return;
        }
        http.Response.StatusCode = 202;
    }

    private static Task NotFound(HttpContext http)
    {
        http.Response.StatusCode = 404;
        return Task.CompletedTask;
    }

    /// <summary>Queues an event for the runtime's next <c>next</c>; completes with what it posts back for it.</summary>
    public Task<RuntimeReply> InvokeAsync(StubInvocation invocation)
    {
        var reply = replies.GetOrAdd(invocation.RequestId, _ => new TaskCompletionSource<RuntimeReply>(TaskCreationOptions.RunContinuationsAsynchronously));
        pending.Writer.TryWrite(invocation);
        return reply.Task;
    }

    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await server.DisposeAsync();
    }
}
