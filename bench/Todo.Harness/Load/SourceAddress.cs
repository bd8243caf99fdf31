using System.Net;
using System.Net.Sockets;

namespace Todo.Harness.Load;

/// <summary>
/// Clients that connect to the local host from an address of their own: the whole of 127.0.0.0/8 is this machine's
/// loopback, so each is a different viewer to the per-address rate rule while every request still goes to 127.0.0.1.
/// </summary>
public static class SourceAddress
{
    /// <summary>127.0.0.<paramref name="last"/>.</summary>
    public static IPAddress Loopback(int last) => new([127, 0, 0, (byte)last]);

    /// <summary>A client of <paramref name="baseUrl"/> whose connections come from <paramref name="source"/>; the caller disposes it.</summary>
    public static HttpClient Client(Uri baseUrl, IPAddress source) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { BaseAddress = baseUrl };
}
