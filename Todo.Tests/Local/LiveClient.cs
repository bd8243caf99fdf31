using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime.Internal.Auth;
using Todo.Live.Connections;
using Todo.Local;
using Todo.Tests.Support;

namespace Todo.Tests.Local;

/// <summary>A test's side of the local live channel: a real WebSocket client, the management API signed as a function signs, and the connections table.</summary>
public static class LiveClient
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    /// <returns>The open socket; a refused handshake throws, with its status in the socket's <see cref="ClientWebSocket.HttpStatusCode"/>.</returns>
    public static async Task<ClientWebSocket> ConnectAsync(LocalAppFixture fixture, params string[] protocols)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        foreach (var protocol in protocols)
            socket.Options.AddSubProtocol(protocol);
        using var timeout = new CancellationTokenSource(Wait);
        await socket.ConnectAsync(fixture.App.LiveUrl!, timeout.Token);
        return socket;
    }

    /// <returns>The status the handshake was refused with.</returns>
    public static async Task<int> RefusedAsync(LocalAppFixture fixture, params string[] protocols)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        foreach (var protocol in protocols)
            socket.Options.AddSubProtocol(protocol);
        using (socket)
        {
            using var timeout = new CancellationTokenSource(Wait);
            await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(fixture.App.LiveUrl!, timeout.Token));
            return (int)socket.HttpStatusCode;
        }
    }

    public static Task SendAsync(WebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <returns>The next text message, or null once the server closed the connection.</returns>
    public static async Task<string?> ReceiveAsync(WebSocket socket, TimeSpan? wait = null)
    {
        using var timeout = new CancellationTokenSource(wait ?? Wait);
        using var message = new MemoryStream();
        var buffer = new byte[8192];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                if (socket.State == WebSocketState.CloseReceived)
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                return null;
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
                return Encoding.UTF8.GetString(message.ToArray());
        }
    }

    /// <summary>The connections recorded in a list's partition.</summary>
    public static async Task<List<string>> ConnectionsOfAsync(LocalAppFixture fixture, string listId) =>
        [.. await new ConnectionStore(fixture.App.DynamoDb, fixture.App.Template.Tables.Single(t => t.LogicalId == "ConnectionsTable").Create.TableName)
            .ListAsync(listId, CancellationToken.None)];

    /// <summary>The connection the socket is: the one id added to the list's partition while it connected.</summary>
    public static async Task<(ClientWebSocket Socket, string Id)> ConnectRecordedAsync(LocalAppFixture fixture, string listId, params string[] protocols)
    {
        var before = await ConnectionsOfAsync(fixture, listId);
        var socket = await ConnectAsync(fixture, protocols);
        return (socket, Assert.Single((await ConnectionsOfAsync(fixture, listId)).Except(before)));
    }

    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Not within {Wait.TotalSeconds} s: {what}.");
            await Task.Delay(20);
        }
    }

    /// <summary>A request to the management API, SigV4-signed for execute-api as the SDK signs with the credentials Lambda gives a function.</summary>
    public static HttpRequestMessage Management(LocalAppFixture fixture, HttpMethod method, string connectionId, string? body = null,
        string secretKey = LocalAws.SecretKey, bool signed = true)
    {
        var url = new Uri(fixture.App.BaseUrl, $"/_live/@connections/{Uri.EscapeDataString(connectionId)}");
        var request = new HttpRequestMessage(method, url);
        var payload = Encoding.UTF8.GetBytes(body ?? "");
        if (body is not null)
            request.Content = new ByteArrayContent(payload);
        if (!signed)
            return request;
        var now = DateTime.UtcNow;
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        request.Headers.Add("X-Amz-Date", amzDate);
        request.Headers.Add("X-Amz-Security-Token", LocalAws.SessionToken);
        const string signedHeaders = "host;x-amz-date;x-amz-security-token";
        var canonical = string.Join('\n', method.Method, url.AbsolutePath, "",
            $"host:{url.Authority}\nx-amz-date:{amzDate}\nx-amz-security-token:{LocalAws.SessionToken}\n", signedHeaders,
            Convert.ToHexStringLower(SHA256.HashData(payload)));
        var signature = AWS4Signer.ComputeSignature(LocalAws.AccessKey, secretKey, LocalAws.Region, now, "execute-api", signedHeaders, canonical);
        request.Headers.TryAddWithoutValidation("Authorization", signature.ForAuthorizationHeader);
        return request;
    }
}
