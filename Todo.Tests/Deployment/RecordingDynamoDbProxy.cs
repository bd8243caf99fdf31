using System.Net;
using Amazon.DynamoDBv2;

namespace Todo.Tests.Deployment;

/// <summary>
/// DynamoDB Local behind a forwarder on 127.0.0.1 that sends every request on through a
/// <see cref="RecordingHttpClientFactory"/>'s client: a client the test cannot hand its own HttpClient, such as
/// todoctl's (built from an endpoints file), is pointed at <see cref="Url"/> and its calls are written down as sent.
/// </summary>
public sealed class RecordingDynamoDbProxy : IDisposable
{
    // HttpListener sets these itself, or refuses them.
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Content-Length", "Transfer-Encoding", "Keep-Alive", "Expect",
    };

    private readonly HttpListener listener = new();
    private readonly HttpClient engine;
    private readonly Uri engineUrl;

    public RecordingDynamoDbProxy(Uri engineUrl)
    {
        this.engineUrl = engineUrl;
        engine = Recorder.CreateHttpClient(new AmazonDynamoDBConfig());
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        Url = new Uri($"http://127.0.0.1:{port}/");
        _ = ServeAsync();
    }

    public RecordingHttpClientFactory Recorder { get; } = new();

    public Uri Url { get; }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return; // Disposed.
            }
            // Requests come in parallel (segmented Scans): each is forwarded on its own.
            _ = ForwardAsync(context);
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(engineUrl, context.Request.RawUrl))
            {
                Content = new ByteArrayContent(body.ToArray()),
            };
            foreach (var name in context.Request.Headers.AllKeys.OfType<string>().Where(n => !HopHeaders.Contains(n)))
            {
                var values = context.Request.Headers.GetValues(name) ?? [];
                if (!request.Headers.TryAddWithoutValidation(name, values))
                    request.Content.Headers.TryAddWithoutValidation(name, values);
            }
            using var response = await engine.SendAsync(request);
            var answer = await response.Content.ReadAsByteArrayAsync();
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers).Where(h => !HopHeaders.Contains(h.Key)))
                context.Response.Headers[name] = string.Join(",", values);
            context.Response.ContentLength64 = answer.Length;
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
        }
        catch (Exception e)
        {
            // Whatever went wrong (the recorder meeting a call it cannot read, too) fails the caller's request at once
            // with the reason, rather than leaving it to time out.
            var reason = System.Text.Encoding.UTF8.GetBytes(e.ToString());
            context.Response.StatusCode = (int)HttpStatusCode.BadGateway;
            context.Response.ContentLength64 = reason.Length;
            await context.Response.OutputStream.WriteAsync(reason);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        listener.Close();
        engine.Dispose();
    }
}
