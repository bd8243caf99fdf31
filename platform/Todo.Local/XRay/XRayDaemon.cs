using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Todo.Lambda.Observability.Tracing;

namespace Todo.Local.XRay;

/// <summary>
/// The X-Ray daemon, locally: a UDP port on 127.0.0.1 that the functions get as <c>AWS_XRAY_DAEMON_ADDRESS</c>.
/// Each datagram is read as the daemon reads it: a header line <c>{"format": "json", "version": 1}</c>, a
/// newline, one segment document; anything else is dropped, as the daemon drops it.
/// </summary>
public sealed class XRayDaemon : IAsyncDisposable
{
    private readonly UdpClient socket;
    private readonly TraceStore store;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task receiving;

    public XRayDaemon(TraceStore store, ILogger logger)
    {
        this.store = store;
        this.logger = logger;
        socket = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        socket.Client.ReceiveBufferSize = 4 * 1024 * 1024;
        receiving = Task.Run(ReceiveAsync);
    }

    public IPEndPoint Endpoint => (IPEndPoint)socket.Client.LocalEndPoint!;

    /// <summary>The value of AWS_XRAY_DAEMON_ADDRESS, <c>127.0.0.1:port</c>.</summary>
    public string Address => $"{Endpoint.Address}:{Endpoint.Port}";

    /// <summary>The document a datagram carries, or null when it is not the daemon's protocol.</summary>
    public static string? Document(ReadOnlySpan<byte> datagram)
    {
        var newline = datagram.IndexOf((byte)'\n');
        // The daemon's receive buffer: a datagram may be at most this large.
        if (newline < 0 || datagram.Length > XRayDocument.MaxDatagramBytes)
            return null;
        try
        {
            var header = JsonNode.Parse(datagram[..newline]) as JsonObject;
            if (!string.Equals((string?)header?["format"], "json", StringComparison.OrdinalIgnoreCase) || (int?)header?["version"] != 1)
                return null;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
        return Encoding.UTF8.GetString(datagram[(newline + 1)..]);
    }

    private async Task ReceiveAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            UdpReceiveResult received;
            try
            {
                received = await socket.ReceiveAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException e)
            {
                logger.LogWarning(e, "The X-Ray daemon could not receive a datagram");
                continue;
            }
            if (Document(received.Buffer) is not { } document || !store.Add(document))
                logger.LogWarning("The X-Ray daemon dropped a datagram that is not a segment document ({Bytes} bytes)", received.Buffer.Length);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await receiving;
        socket.Dispose();
        stopping.Dispose();
    }
}
