using System.Diagnostics;
using System.Net.WebSockets;
using System.Text.Json;

namespace Todo.Harness.Live;

/// <summary>
/// A client of the app's WebSocket API as the web app connects (subprotocol <c>todo.v1</c>, then the ID token when signed in),
/// handing each change message to <c>received</c> as it arrives, on the receive loop.
/// </summary>
public sealed class LiveSocket : IAsyncDisposable
{
    public const string Protocol = "todo.v1";

    private readonly ClientWebSocket socket;
    private readonly Task receiving;

    private LiveSocket(ClientWebSocket socket, Action<LiveChange> received)
    {
        this.socket = socket;
        receiving = Task.Run(() => ReceiveAsync(received));
    }

    public WebSocketState State => socket.State;

    /// <summary>The local host's WebSocket API, beside its HTTP one.</summary>
    public static Uri UrlOf(Uri baseUrl) => new($"ws://{baseUrl.Authority}/_live");

    public static async Task<LiveSocket> ConnectAsync(Uri live, string? idToken, Action<LiveChange> received, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(Protocol);
        if (idToken is not null)
            socket.Options.AddSubProtocol(idToken);
        try
        {
            await socket.ConnectAsync(live, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        return new LiveSocket(socket, received);
    }

    private async Task ReceiveAsync(Action<LiveChange> received)
    {
        var buffer = new byte[16 * 1024];
        using var message = new MemoryStream();
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var frame = await socket.ReceiveAsync(buffer, CancellationToken.None);
                if (frame.MessageType == WebSocketMessageType.Close)
                    return;
                message.Write(buffer, 0, frame.Count);
                if (!frame.EndOfMessage)
                    continue;
                var at = Stopwatch.GetTimestamp();
                if (Parse(message.ToArray(), at) is { } change)
                    received(change);
                message.SetLength(0);
            }
        }
        catch (WebSocketException)
        {
            // The connection dropped: what a test or benchmark sees is the changes that never came.
        }
    }

    private static LiveChange? Parse(byte[] json, long at)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (!root.TryGetProperty("type", out var type) || type.GetString() != "change")
            return null;
        return new LiveChange(root.GetProperty("id").GetGuid(), root.GetProperty("version").GetInt64(),
            root.TryGetProperty("deleted", out var deleted) && deleted.GetBoolean(), at);
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                // Output only: the receive loop is reading, and takes the server's close as its end.
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is WebSocketException or TimeoutException)
            {
                // Closing a connection the server already dropped.
            }
        }
        await receiving.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        socket.Dispose();
    }
}
