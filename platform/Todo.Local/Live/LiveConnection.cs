using System.Net.WebSockets;
using System.Text;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Local.Live;

/// <summary>One open connection of the local WebSocket API: its socket (one send at a time), who made it and when, and what the authorizer said.</summary>
public sealed class LiveConnection(string id, WebSocket socket, DateTimeOffset connectedAt, APIGatewayProxyRequest.RequestIdentity identity,
    APIGatewayCustomAuthorizerContext? authorizer)
{
    private readonly SemaphoreSlim sending = new(1, 1);

    public string Id { get; } = id;
    public DateTimeOffset ConnectedAt { get; } = connectedAt;
    public APIGatewayProxyRequest.RequestIdentity Identity { get; } = identity;
    public APIGatewayCustomAuthorizerContext? Authorizer { get; } = authorizer;

    /// <summary>When a message last came in; the idle timeout counts from it.</summary>
    public DateTimeOffset LastActiveAt { get; set; } = connectedAt;

    public bool IsOpen => socket.State == WebSocketState.Open;

    public async Task SendAsync(string text, CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellationToken);
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>Starts the closing handshake; the receive loop ends when the client answers it (or gives up waiting).</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        await sending.WaitAsync();
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(status, reason, CancellationToken.None);
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
        {
            // Already gone: nothing to close.
        }
        finally
        {
            sending.Release();
        }
    }
}
