using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Todo.Local.XRay;

namespace Todo.Tests.Observability;

/// <summary>A UDP port on 127.0.0.1 that keeps the datagrams it receives, as the X-Ray daemon would get them.</summary>
public sealed class DaemonListener : IDisposable
{
    private readonly UdpClient socket = new(new IPEndPoint(IPAddress.Loopback, 0));

    public string Address => socket.Client.LocalEndPoint!.ToString()!;

    /// <summary>Waits for <paramref name="count"/> datagrams; fewer arriving within the time fails the test.</summary>
    public async Task<List<byte[]>> ReceiveAsync(int count)
    {
        var received = new List<byte[]>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        while (received.Count < count)
            received.Add((await socket.ReceiveAsync(timeout.Token)).Buffer);
        return received;
    }

    /// <summary>Whatever arrives within <paramref name="wait"/>.</summary>
    public async Task<List<byte[]>> DrainAsync(TimeSpan wait)
    {
        var received = new List<byte[]>();
        using var timeout = new CancellationTokenSource(wait);
        try
        {
            while (true)
                received.Add((await socket.ReceiveAsync(timeout.Token)).Buffer);
        }
        catch (OperationCanceledException)
        {
            return received;
        }
    }

    /// <summary>The document of a datagram, read as the daemon reads it; not the daemon's protocol fails the test.</summary>
    public static JsonElement Document(byte[] datagram) =>
        JsonDocument.Parse(XRayDaemon.Document(datagram) ?? throw new Xunit.Sdk.XunitException("The datagram is not in the daemon's protocol.")).RootElement;

    public void Dispose() => socket.Dispose();
}
