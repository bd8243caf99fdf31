using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Todo.Local.ApiGateway;

namespace Todo.Local.Live;

/// <summary>
/// API Gateway's management API for the local WebSocket API, at <c>{<see cref="LiveEmulator.Path"/>}/@connections/{id}</c>:
/// <c>POST</c> sends the body to the connection, <c>DELETE</c> closes it, <c>GET</c> describes it; 410 once it is gone.
/// Only a request SigV4-signed with the local credentials (those every function gets) is served; anything else is 403.
/// </summary>
public sealed class ConnectionsApi(LiveEmulator live)
{
    public const string Prefix = LiveEmulator.Path + "/@connections/";

    public async Task HandleAsync(HttpContext http)
    {
        var id = Uri.UnescapeDataString(http.Request.Path.Value![Prefix.Length..]);
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var body = buffer.ToArray();
        if (!SigV4.IsSigned(http, body, DateTimeOffset.UtcNow))
        {
            await ApiGatewayEmulator.WriteMessageAsync(http.Response, 403, "Forbidden");
            return;
        }
        if (id.Length == 0 || id.Contains('/'))
        {
            await ApiGatewayEmulator.WriteMessageAsync(http.Response, 404, "Not Found");
            return;
        }
        if (live.Find(id) is not { } connection)
        {
            await ApiGatewayEmulator.WriteMessageAsync(http.Response, 410, "Gone");
            return;
        }
        switch (http.Request.Method)
        {
            case "POST" when body.Length > live.Limits.MessageBytes:
                await ApiGatewayEmulator.WriteMessageAsync(http.Response, 413, "Message too long");
                return;
            case "POST":
                try
                {
                    await connection.SendAsync(Encoding.UTF8.GetString(body), http.RequestAborted);
                }
                catch (Exception e) when (e is WebSocketException or ObjectDisposedException)
                {
                    await ApiGatewayEmulator.WriteMessageAsync(http.Response, 410, "Gone");
                    return;
                }
                http.Response.StatusCode = 200;
                return;
            case "DELETE":
                await connection.CloseAsync(WebSocketCloseStatus.NormalClosure, "");
                http.Response.StatusCode = 204;
                return;
            case "GET":
                http.Response.ContentType = "application/json";
                await using (var writer = new Utf8JsonWriter(http.Response.Body))
                {
                    writer.WriteStartObject();
                    writer.WriteString("connectedAt", Iso(connection.ConnectedAt));
                    writer.WriteStartObject("identity");
                    writer.WriteString("sourceIp", connection.Identity.SourceIp);
                    writer.WriteString("userAgent", connection.Identity.UserAgent);
                    writer.WriteEndObject();
                    writer.WriteString("lastActiveAt", Iso(connection.LastActiveAt));
                    writer.WriteEndObject();
                }
                return;
            default:
                await ApiGatewayEmulator.WriteMessageAsync(http.Response, 405, "Method Not Allowed");
                return;
        }
    }

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
