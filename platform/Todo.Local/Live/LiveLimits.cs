namespace Todo.Local.Live;

/// <summary>API Gateway's limits on a WebSocket connection, which the local host applies too; tests shorten them.</summary>
/// <param name="IdleTimeout">A connection no message came in on for this long is closed.</param>
/// <param name="ConnectionCap">A connection is closed this long after it was made, whatever its traffic.</param>
/// <param name="MessageBytes">The largest message either way; a bigger one from the client closes the connection.</param>
public sealed record LiveLimits(TimeSpan IdleTimeout, TimeSpan ConnectionCap, int MessageBytes)
{
    public static LiveLimits ApiGateway { get; } = new(TimeSpan.FromMinutes(10), TimeSpan.FromHours(2), 128 * 1024);
}
