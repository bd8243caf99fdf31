using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Todo.Store.ReadTable;
using Todo.Tests.Support;
using static Todo.Tests.Local.LiveClient;

namespace Todo.Tests.Local;

/// <summary>
/// The local host's WebSocket API in the open mode, with a real WebSocket client: a connection selects todo.v1 and is
/// recorded in the shared list until it closes, ping answers pong, and the management API (SigV4-signed with the
/// functions' credentials) reaches the socket, describes it, closes it, and answers 410 once it is gone.
/// </summary>
[Slow]
public sealed class LiveChannelTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private static readonly string Shared = TodoTable.ListOf(null);

    [Fact]
    public async Task The_app_config_names_the_live_URL()
    {
        using var config = JsonDocument.Parse(await fixture.Http.GetStringAsync("/config.json"));

        Assert.Equal($"ws://127.0.0.1:{fixture.App.BaseUrl.Port}/_live", config.RootElement.GetProperty("live").GetString());
        Assert.Equal(fixture.App.LiveUrl!.ToString(), config.RootElement.GetProperty("live").GetString());
    }

    [Fact]
    public async Task A_connection_selects_todo_v1_is_recorded_in_the_shared_list_and_forgotten_once_closed()
    {
        var (socket, id) = await ConnectRecordedAsync(fixture, Shared, "todo.v1");
        using (socket)
        {
            Assert.Equal("todo.v1", socket.SubProtocol);
            Assert.Equal(WebSocketState.Open, socket.State);

            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
        }

        await EventuallyAsync(async () => !(await ConnectionsOfAsync(fixture, Shared)).Contains(id), "$disconnect deletes the record");
    }

    [Fact]
    public async Task Ping_is_answered_pong_and_a_message_for_no_route_gets_API_Gateways_forbidden_message()
    {
        var (socket, id) = await ConnectRecordedAsync(fixture, Shared, "todo.v1");
        using (socket)
        {
            await SendAsync(socket, """{"action":"ping"}""");
            Assert.Equal("""{"type":"pong"}""", await ReceiveAsync(socket));

            await SendAsync(socket, """{"action":"nothing"}""");
            using var forbidden = JsonDocument.Parse((await ReceiveAsync(socket))!);
            Assert.Equal("Forbidden", forbidden.RootElement.GetProperty("message").GetString());
            Assert.Equal(id, forbidden.RootElement.GetProperty("connectionId").GetString());

            await SendAsync(socket, "not json");
            Assert.Contains("Forbidden", await ReceiveAsync(socket));
            Assert.Equal(WebSocketState.Open, socket.State);
        }
    }

    [Fact]
    public async Task The_management_API_sends_to_describes_and_closes_a_connection_and_answers_410_once_it_is_gone()
    {
        var (socket, id) = await ConnectRecordedAsync(fixture, Shared, "todo.v1");
        using (socket)
        {
            using (var posted = await fixture.Http.SendAsync(Management(fixture, HttpMethod.Post, id, """{"type":"change","id":"x","version":1}""")))
                Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
            Assert.Equal("""{"type":"change","id":"x","version":1}""", await ReceiveAsync(socket));

            using (var described = await fixture.Http.SendAsync(Management(fixture, HttpMethod.Get, id)))
            {
                Assert.Equal(HttpStatusCode.OK, described.StatusCode);
                using var body = JsonDocument.Parse(await described.Content.ReadAsStringAsync());
                Assert.Equal("127.0.0.1", body.RootElement.GetProperty("identity").GetProperty("sourceIp").GetString());
                Assert.True(body.RootElement.TryGetProperty("connectedAt", out _));
            }

            using (var deleted = await fixture.Http.SendAsync(Management(fixture, HttpMethod.Delete, id)))
                Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            Assert.Null(await ReceiveAsync(socket));
        }

        await EventuallyAsync(async () => !(await ConnectionsOfAsync(fixture, Shared)).Contains(id), "$disconnect deletes the record");
        using var gone = await fixture.Http.SendAsync(Management(fixture, HttpMethod.Post, id, "{}"));
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        using var unknown = await fixture.Http.SendAsync(Management(fixture, HttpMethod.Get, "AAAAAAAAAAAA"));
        Assert.Equal(HttpStatusCode.Gone, unknown.StatusCode);
    }

    [Fact]
    public async Task The_management_API_serves_only_requests_signed_with_the_local_credentials()
    {
        var (socket, id) = await ConnectRecordedAsync(fixture, Shared, "todo.v1");
        using (socket)
        {
            using (var unsigned = await fixture.Http.SendAsync(Management(fixture, HttpMethod.Post, id, "{}", signed: false)))
                Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
            using (var wrong = await fixture.Http.SendAsync(Management(fixture, HttpMethod.Post, id, "{}", secretKey: "not-the-secret")))
                Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
            var tampered = Management(fixture, HttpMethod.Post, id, "{}");
            tampered.Content = new StringContent("{\"other\":1}");
            using (var changed = await fixture.Http.SendAsync(tampered))
                Assert.Equal(HttpStatusCode.Forbidden, changed.StatusCode);

            await SendAsync(socket, """{"action":"ping"}""");
            Assert.Equal("""{"type":"pong"}""", await ReceiveAsync(socket));
        }
    }

    [Fact]
    public async Task A_plain_HTTP_request_to_the_WebSocket_URL_is_told_to_upgrade()
    {
        using var response = await fixture.Http.GetAsync("/_live");

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.StatusCode);
    }
}
