using System.Globalization;
using Todo.Tests.Support;

namespace Todo.Tests.Local;

/// <summary>A local database must not be reachable from the network: DynamoDB Local and the API listen on 127.0.0.1 only.</summary>
[Slow]
public sealed class LoopbackTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private const string Loopback4 = "0100007F";
    private const string Loopback4In6 = "0000000000000000FFFF00000100007F";
    private const int Listen = 0x0A;

    [Fact]
    public void DynamoDB_Local_listens_on_loopback_only() => AssertLoopbackOnly(fixture.App.DynamoDbUrl.Port);

    [Fact]
    public void The_API_listens_on_loopback_only() => AssertLoopbackOnly(fixture.App.BaseUrl.Port);

    /// <summary>Reads the kernel's socket table: every listening socket on the port must be bound to a loopback address.</summary>
    private static void AssertLoopbackOnly(int port)
    {
        var listeners = new[] { "/proc/net/tcp", "/proc/net/tcp6" }
            .Where(File.Exists)
            .SelectMany(File.ReadLines)
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length > 3 && fields[1].Contains(':') && int.TryParse(fields[3], NumberStyles.HexNumber, null, out var state) && state == Listen)
            .Select(fields => fields[1].Split(':'))
            .Where(local => int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) == port)
            .Select(local => local[0])
            .ToList();

        Assert.NotEmpty(listeners);
        Assert.All(listeners, address => Assert.Contains(address, new[] { Loopback4, Loopback4In6 }));
    }
}
