using System.Net.WebSockets;
using Todo.Local.Live;
using Todo.Store.ReadTable;
using Todo.Tests.Support;
using static Todo.Tests.Local.LiveClient;

namespace Todo.Tests.Local;

/// <summary>
/// API Gateway's limits on a WebSocket connection, shortened: a connection nothing came in on is closed with 1001 once
/// idle, one kept busy with pings is closed with 1001 at its cap, and a message over the size limit closes it with 1001;
/// each is forgotten by $disconnect.
/// </summary>
[Slow]
public sealed class LiveLimitsTests(LiveLimitsTests.ShortLimitsFixture fixture) : IClassFixture<LiveLimitsTests.ShortLimitsFixture>
{
    private static readonly string Shared = TodoTable.ListOf(null);

    public sealed class ShortLimitsFixture : LocalAppFixture
    {
        protected override LiveLimits LiveLimits => new(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), 1024);
    }

    private async Task AssertClosedFor(ClientWebSocket socket, string id, string reason)
    {
        Assert.Null(await ReceiveAsync(socket));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.CloseStatus);
        Assert.Equal(reason, socket.CloseStatusDescription);
        await EventuallyAsync(async () => !(await ConnectionsOfAsync(fixture, Shared)).Contains(id), "$disconnect deletes the record");
    }

    [Fact]
    public async Task An_idle_connection_is_closed_with_1001()
    {
        var (socket, id) = await ConnectRecordedAsync(fixture, Shared, "todo.v1");
        using (socket)
            await AssertClosedFor(socket, id, "Idle timeout");
    }

    [Fact]
    public async Task A_connection_kept_busy_is_closed_with_1001_at_its_cap()
    {
        var (socket, id) = await ConnectRecordedAsync(fixture, Shared, "todo.v1");
        using (socket)
        {
            string? answer;
            do
            {
                await SendAsync(socket, """{"action":"ping"}""");
                answer = await ReceiveAsync(socket);
                if (answer is not null)
                    await Task.Delay(300);
            }
            while (answer is not null);
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, socket.CloseStatus);
            Assert.Equal("Connection cap reached", socket.CloseStatusDescription);
        }
        await EventuallyAsync(async () => !(await ConnectionsOfAsync(fixture, Shared)).Contains(id), "$disconnect deletes the record");
    }

    [Fact]
    public async Task A_message_within_the_size_limit_is_routed_and_one_over_it_closes_the_connection_with_1001()
    {
        var (socket, id) = await ConnectRecordedAsync(fixture, Shared, "todo.v1");
        using (socket)
        {
            var within = "{\"action\":\"ping\",\"pad\":\"" + new string('x', 1024 - 30) + "\"}";
            Assert.InRange(within.Length, 1000, 1024);
            await SendAsync(socket, within);
            Assert.Equal("""{"type":"pong"}""", await ReceiveAsync(socket));

            await SendAsync(socket, "{\"action\":\"ping\",\"pad\":\"" + new string('x', 2048) + "\"}");
            await AssertClosedFor(socket, id, "Message too big");
        }
    }
}
