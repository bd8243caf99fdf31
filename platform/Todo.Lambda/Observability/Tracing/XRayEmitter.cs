using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Todo.Lambda.Observability.Tracing;

/// <summary>
/// Sends finished spans to the X-Ray daemon at <c>AWS_XRAY_DAEMON_ADDRESS</c> as UDP datagrams, as the X-Ray
/// SDKs stream subsegments. In Lambda the daemon address is link-local and the send does not block, so
/// everything sent before the Runtime API response is out before the environment is frozen.
/// </summary>
public sealed class XRayEmitter(IPEndPoint daemon)
{
    // One socket for the process: sending on it needs no connection, and the local host runs many functions.
    private static readonly Socket Socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public IPEndPoint Daemon { get; } = daemon;

    /// <summary>
    /// <c>host:port</c>, or the daemon's form with both protocols <c>udp:host:port tcp:host:port</c>; null for
    /// anything else, so that a malformed address turns tracing off rather than stops the function.
    /// </summary>
    public static XRayEmitter? FromAddress(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
            return null;
        var udp = address.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.StartsWith("udp:", StringComparison.Ordinal) ? part[4..] : part)
            .FirstOrDefault(part => !part.StartsWith("tcp:", StringComparison.Ordinal));
        var colon = udp?.LastIndexOf(':') ?? -1;
        return colon > 0
            && IPAddress.TryParse(udp![..colon], out var host) && host.AddressFamily == AddressFamily.InterNetwork
            && int.TryParse(udp[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? new XRayEmitter(new IPEndPoint(host, port))
            : null;
    }

    public void Send(Activity span)
    {
        try
        {
            Socket.SendTo(XRayDocument.Datagram(XRaySegment.Of(span)), Daemon);
        }
        catch (SocketException)
        {
            // A trace is never worth failing the invocation for; a daemon that is not there loses it, as UDP does.
        }
    }
}
