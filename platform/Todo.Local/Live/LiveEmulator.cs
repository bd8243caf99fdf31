using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Todo.Lambda;
using Todo.Lambda.APIGatewayEvents;
using Todo.Local.ApiGateway;
using Todo.Local.Template;

namespace Todo.Local.Live;

/// <summary>
/// Serves the template's WebSocket API at <see cref="Path"/> as API Gateway does: <c>$connect</c>'s authorizer (401
/// without its identity header, 403 when it denies), then <c>$connect</c>'s function (any answer but 2xx refuses the
/// handshake with its status; a <c>Sec-WebSocket-Protocol</c> it answers is the one selected); each message routed by
/// the selection expression's body field (<c>$default</c>, or API Gateway's "Forbidden" message when nothing matches),
/// the authorizer's context on every route; <c>$disconnect</c> once the connection is gone. API Gateway's limits
/// (<see cref="LiveLimits"/>) close a connection with 1001.
/// </summary>
public sealed class LiveEmulator(LiveApiDefinition api, IReadOnlyDictionary<string, ILambdaFunction> functions, LambdaService lambda, LiveLimits limits, ILogger logger)
{
    public const string Path = "/_live";
    private const string Connect = "$connect", Disconnect = "$disconnect", Default = "$default";
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, LiveConnection> connections = new();

    public LiveLimits Limits => limits;

    /// <summary>An open connection by id; null once it is gone.</summary>
    public LiveConnection? Find(string id) => connections.TryGetValue(id, out var connection) && connection.IsOpen ? connection : null;

    public int Count => connections.Count;

    public async Task HandleAsync(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest)
        {
            await ApiGatewayEmulator.WriteMessageAsync(http.Response, 426, "Upgrade Required");
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var id = Base64UrlId();
        var identity = new APIGatewayProxyRequest.RequestIdentity
        {
            SourceIp = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = http.Request.Headers.UserAgent.ToString(),
        };
        APIGatewayCustomAuthorizerContext? authorizer = null;
        if (api.Routes.GetValueOrDefault(Connect) is { Authorized: true } && api.Authorizer is { } definition)
        {
            var (status, context) = await AuthorizeAsync(http, definition, id, now, identity);
            if (status != 200)
            {
                await ApiGatewayEmulator.WriteMessageAsync(http.Response, status, status == 401 ? "Unauthorized" : status == 403 ? "Forbidden" : "Internal server error");
                return;
            }
            authorizer = context;
        }
        string? protocol = null;
        if (api.Routes.GetValueOrDefault(Connect) is { FunctionId: { } connectFunction })
        {
            var request = Event(http, Connect, "CONNECT", id, now, identity, authorizer);
            APIGatewayProxyResponse answer;
            try
            {
                answer = await InvokeAsync(connectFunction, request, http.RequestAborted);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "{Function} failed on $connect", connectFunction);
                await ApiGatewayEmulator.WriteMessageAsync(http.Response, 502, "Internal server error");
                return;
            }
            if (answer.StatusCode is < 200 or > 299)
            {
                http.Response.StatusCode = answer.StatusCode;
                foreach (var (name, value) in answer.Headers ?? [])
                    http.Response.Headers[name] = value;
                if (answer.Body is { } body)
                    await http.Response.WriteAsync(body);
                return;
            }
            protocol = answer.Headers?.FirstOrDefault(h => string.Equals(h.Key, "Sec-WebSocket-Protocol", StringComparison.OrdinalIgnoreCase)).Value;
        }
        var offered = http.WebSockets.WebSocketRequestedProtocols;
        using var socket = await http.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            SubProtocol = protocol is not null && offered.Contains(protocol) ? protocol : null,
            // API Gateway sends no pings of its own: a client keeps its connection with messages.
            KeepAliveInterval = TimeSpan.Zero,
        });
        var connection = new LiveConnection(id, socket, now, identity, authorizer);
        connections[id] = connection;
        using var done = new CancellationTokenSource();
        var watch = WatchAsync(connection, socket, done.Token);
        var (closeStatus, closeReason) = (WebSocketCloseStatus.Empty, "");
        try
        {
            (closeStatus, closeReason) = await ReceiveAsync(connection, socket, http);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException)
        {
            closeStatus = WebSocketCloseStatus.EndpointUnavailable;
            closeReason = "Connection lost";
        }
        finally
        {
            connections.TryRemove(id, out _);
            await done.CancelAsync();
            await watch;
        }
        await DisconnectAsync(http, connection, (int)closeStatus, closeReason);
    }

    /// <summary>Closes every connection, as a stage going away does.</summary>
    public Task CloseAllAsync() =>
        Task.WhenAll(connections.Values.Select(c => c.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "Going away")));

    private async Task<(int Status, APIGatewayCustomAuthorizerContext? Context)> AuthorizeAsync(HttpContext http, LiveAuthorizerDefinition definition,
        string id, DateTimeOffset now, APIGatewayProxyRequest.RequestIdentity identity)
    {
        // API Gateway invokes no authorizer without its identity source, and answers 401 itself.
        if (string.IsNullOrEmpty(http.Request.Headers[definition.IdentityHeader].ToString()))
            return (401, null);
        var route = $"arn:aws:execute-api:{LocalAws.Region}:{LocalAws.AccountId}:{api.LogicalId}/{api.Stage}/{Connect}";
        var proxy = Event(http, Connect, "CONNECT", id, now, identity, null);
        var input = new APIGatewayCustomAuthorizerRequest
        {
            Type = "REQUEST",
            MethodArn = route,
            Headers = proxy.Headers,
            MultiValueHeaders = proxy.MultiValueHeaders,
            QueryStringParameters = proxy.QueryStringParameters,
            RequestContext = proxy.RequestContext,
        };
        APIGatewayCustomAuthorizerResponse answer;
        try
        {
            var bytes = await lambda.InvokeAsync(definition.FunctionId, functions[definition.FunctionId],
                LambdaPayload.Write(input, LambdaJsonContext.Default.APIGatewayCustomAuthorizerRequest), proxy.RequestContext!.RequestId!,
                DateTimeOffset.UtcNow.AddSeconds(29), null, http.RequestAborted);
            answer = LambdaPayload.Read(bytes, LambdaJsonContext.Default.APIGatewayCustomAuthorizerResponse);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The authorizer {Function} failed", definition.FunctionId);
            return (500, null);
        }
        var statements = answer.PolicyDocument?.Statement ?? [];
        bool Covers(APIGatewayCustomAuthorizerPolicy.IAMPolicyStatement s) =>
            s.Action.Any(a => a is "execute-api:Invoke" or "execute-api:*" or "*") && s.Resource.Any(r => Matches(r, route));
        if (!statements.Any(s => s.Effect == "Allow" && Covers(s)) || statements.Any(s => s.Effect == "Deny" && Covers(s)))
            return (403, null);
        var context = (answer.Context ?? []).ToDictionary(c => c.Key, c => Json(c.Value));
        context["integrationLatency"] = JsonDocument.Parse(((int)(DateTimeOffset.UtcNow - now).TotalMilliseconds).ToString(CultureInfo.InvariantCulture)).RootElement.Clone();
        return (200, new APIGatewayCustomAuthorizerContext { PrincipalId = answer.PrincipalID, Context = context });
    }

    /// <summary>An IAM resource pattern: <c>*</c> any run of characters, <c>?</c> any one.</summary>
    private static bool Matches(string pattern, string arn) =>
        System.Text.RegularExpressions.Regex.IsMatch(arn, "^" + System.Text.RegularExpressions.Regex.Escape(pattern).Replace(@"\*", ".*").Replace(@"\?", ".") + "$");

    private static JsonElement Json(string text) => JsonDocument.Parse($"\"{JsonEncodedText.Encode(text).Value}\"").RootElement.Clone();

    private async Task<(WebSocketCloseStatus Status, string Reason)> ReceiveAsync(LiveConnection connection, WebSocket socket, HttpContext http)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            using var message = new MemoryStream();
            while (true)
            {
                message.SetLength(0);
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(chunk.AsMemory(), CancellationToken.None);
                    if (message.Length <= limits.MessageBytes)
                        message.Write(chunk, 0, result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (socket.State == WebSocketState.CloseReceived)
                        await connection.CloseAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, "");
                    return (socket.CloseStatus ?? WebSocketCloseStatus.Empty, socket.CloseStatusDescription ?? "");
                }
                if (socket.State != WebSocketState.Open)
                    continue; // closing already: what comes before the client's close is not routed
                if (message.Length > limits.MessageBytes)
                {
                    await connection.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "Message too big");
                    continue;
                }
                connection.LastActiveAt = DateTimeOffset.UtcNow;
                await RouteAsync(connection, http, Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private async Task RouteAsync(LiveConnection connection, HttpContext http, string body)
    {
        var requestId = Guid.NewGuid().ToString();
        var key = SelectedKey(body);
        if (key is null || key.StartsWith('$') || !api.Routes.TryGetValue(key, out var route))
        {
            if (!api.Routes.TryGetValue(Default, out route))
            {
                await connection.SendAsync($$"""{"message": "Forbidden", "connectionId":"{{connection.Id}}", "requestId":"{{requestId}}"}""", CancellationToken.None);
                return;
            }
        }
        if (route.FunctionId is not { } function)
        {
            if (route.Reply is { } reply)
                await connection.SendAsync(reply, CancellationToken.None);
            return;
        }
        var request = Event(http, route.Key, "MESSAGE", connection.Id, connection.ConnectedAt, connection.Identity, connection.Authorizer);
        request.Body = body;
        request.RequestContext!.MessageId = requestId;
        try
        {
            var answer = await InvokeAsync(function, request, CancellationToken.None);
            if (route.TwoWay && answer.Body is { } reply)
                await connection.SendAsync(reply, CancellationToken.None);
        }
        catch (Exception e) when (e is not (WebSocketException or OperationCanceledException))
        {
            logger.LogError(e, "{Function} failed on route {Route}", function, route.Key);
            await connection.SendAsync($$"""{"message": "Internal server error", "connectionId":"{{connection.Id}}", "requestId":"{{requestId}}"}""", CancellationToken.None);
        }
    }

    /// <summary>The route a message names by the selection expression's field; null for a message that is not a JSON object with that field as text.</summary>
    private string? SelectedKey(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(api.SelectionField, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Closes the connection with 1001 once it has been idle, or open, for longer than the limits allow; aborts it if the client never answers the close.</summary>
    private async Task WatchAsync(LiveConnection connection, WebSocket socket, CancellationToken done)
    {
        try
        {
            while (true)
            {
                var now = DateTimeOffset.UtcNow;
                var idleAt = connection.LastActiveAt + limits.IdleTimeout;
                var capAt = connection.ConnectedAt + limits.ConnectionCap;
                var at = idleAt < capAt ? idleAt : capAt;
                if (at <= now)
                {
                    await connection.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, capAt <= now ? "Connection cap reached" : "Idle timeout");
                    await Task.Delay(CloseWait, done);
                    socket.Abort();
                    return;
                }
                await Task.Delay(at - now, done);
            }
        }
        catch (OperationCanceledException)
        {
            // The connection ended first.
        }
    }

    private async Task DisconnectAsync(HttpContext http, LiveConnection connection, int status, string reason)
    {
        if (api.Routes.GetValueOrDefault(Disconnect) is not { FunctionId: { } function })
            return;
        var request = Event(http, Disconnect, "DISCONNECT", connection.Id, connection.ConnectedAt, connection.Identity, connection.Authorizer);
        request.RequestContext!.DisconnectStatusCode = status;
        request.RequestContext.DisconnectReason = reason;
        try
        {
            await InvokeAsync(function, request, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Function} failed on $disconnect", function);
        }
    }

    private async Task<APIGatewayProxyResponse> InvokeAsync(string function, APIGatewayProxyRequest request, CancellationToken cancellationToken)
    {
        var answer = await lambda.InvokeAsync(function, functions[function], LambdaPayload.Write(request, LambdaJsonContext.Default.APIGatewayProxyRequest),
            request.RequestContext!.RequestId!, DateTimeOffset.UtcNow.AddSeconds(29), null, cancellationToken);
        return LambdaPayload.Read(answer, LambdaJsonContext.Default.APIGatewayProxyResponse);
    }

    /// <summary>The event API Gateway sends a WebSocket route's integration: the handshake's headers and query (on <c>$connect</c>) and the connection's context.</summary>
    private APIGatewayProxyRequest Event(HttpContext http, string routeKey, string eventType, string connectionId, DateTimeOffset connectedAt,
        APIGatewayProxyRequest.RequestIdentity identity, APIGatewayCustomAuthorizerContext? authorizer)
    {
        var now = DateTimeOffset.UtcNow;
        var requestId = Guid.NewGuid().ToString();
        var connect = routeKey == Connect;
        var headers = http.Request.Headers.Select(h => (h.Key, h.Value)).ToList();
        return new APIGatewayProxyRequest
        {
            Headers = connect ? headers.ToDictionary(h => h.Key, h => (string?)h.Value.LastOrDefault(), StringComparer.OrdinalIgnoreCase) : null,
            MultiValueHeaders = connect ? headers.ToDictionary(h => h.Key, h => (List<string?>?)h.Value.ToList(), StringComparer.OrdinalIgnoreCase) : null,
            QueryStringParameters = connect && http.Request.Query.Count > 0 ? http.Request.Query.ToDictionary(q => q.Key, q => (string?)q.Value.LastOrDefault()) : null,
            RequestContext = new APIGatewayProxyRequest.ProxyRequestContext
            {
                RouteKey = routeKey,
                EventType = eventType,
                ConnectionId = connectionId,
                ConnectedAt = connectedAt.ToUnixTimeMilliseconds(),
                MessageDirection = "IN",
                ExtendedRequestId = requestId,
                RequestId = requestId,
                RequestTime = now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
                RequestTimeEpoch = now.ToUnixTimeMilliseconds(),
                Stage = api.Stage,
                DomainName = http.Request.Host.Value,
                ApiId = api.LogicalId,
                Identity = identity,
                Authorizer = authorizer,
            },
            IsBase64Encoded = false,
        };
    }

    /// <summary>An id as API Gateway's look: 12 characters, safe in a URL path.</summary>
    private static string Base64UrlId() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(9));
}
