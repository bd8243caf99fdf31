using System.Globalization;
using System.Net.WebSockets;
using Todo.Harness.Load;
using Todo.Store.ReadTable;
using Todo.Tests.Support;
using static Todo.Tests.Local.LiveClient;

namespace Todo.Tests.Local;

/// <summary>
/// The connection rate: the REST API's per-address limit, counted by $connect in the connections table since AWS WAF
/// cannot guard a WebSocket API; over it the handshake is refused with 429.
/// </summary>
[Slow]
public sealed class LiveRateLimitTests(LiveRateLimitTests.LowRateFixture fixture) : IClassFixture<LiveRateLimitTests.LowRateFixture>
{
    public const int Limit = 10;

    public sealed class LowRateFixture : LocalAppFixture
    {
        protected override IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
        {
            [RateLimits.UserParameter] = Limit.ToString(CultureInfo.InvariantCulture),
            [RateLimits.AnonymousParameter] = Limit.ToString(CultureInfo.InvariantCulture),
        };
    }

    [Fact]
    public async Task Connections_over_the_per_address_rate_are_refused_with_429_and_not_recorded()
    {
        var shared = TodoTable.ListOf(null);
        var sockets = new List<ClientWebSocket>();
        try
        {
            // A minute may turn over in between, and start the count again: at most one more round of the limit.
            int status;
            do
            {
                for (var i = 0; i < Limit; i++)
                    sockets.Add(await ConnectAsync(fixture, "todo.v1"));
                status = await RefusedAsync(fixture, "todo.v1");
            }
            while (status != 429 && sockets.Count <= Limit);

            Assert.Equal(429, status);
            Assert.Equal(sockets.Count, (await ConnectionsOfAsync(fixture, shared)).Count);
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }
}
