using System.Net;
using System.Net.Sockets;

namespace Todo.ColdStart;

/// <summary>A UDP port on 127.0.0.1 standing in for the X-Ray daemon: it counts the datagrams it gets.</summary>
public sealed class DaemonSink : IDisposable
{
    private readonly UdpClient socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private int received;

    public DaemonSink() => _ = ReceiveAsync();

    public string Address => socket.Client.LocalEndPoint!.ToString()!;

    public int Received => Volatile.Read(ref received);

    private async Task ReceiveAsync()
    {
        try
        {
            while (true)
            {
                await socket.ReceiveAsync();
                Interlocked.Increment(ref received);
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }

    public void Dispose() => socket.Dispose();
}
