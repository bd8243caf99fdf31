using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Todo.Domain;

namespace Todo.Live.Connections;

/// <summary>
/// The connections table's layout: one item per open WebSocket connection, in the partition of the list it
/// follows (the user's list, or the open API's shared one), so a change's fan-out is one Query of its list.
/// An item expires by TTL after API Gateway's two-hour cap on a connection, in case its <c>$disconnect</c> never ran.
/// Beside them, in partitions of their own, the per-minute counters of the connection rate limits (<see cref="ConnectionRate"/>).
/// </summary>
public static class ConnectionsTable
{
    public const string EnvironmentVariable = "CONNECTIONS_TABLE";

    public const string ListId = "listId";
    public const string ConnectionId = "connectionId";
    public const string UserId = "userId";
    public const string ConnectedAt = "connectedAt";

    /// <summary>The TTL attribute, epoch seconds.</summary>
    public const string ExpiresAt = "expiresAt";

    /// <summary>API Gateway closes a WebSocket connection after two hours, whatever its traffic.</summary>
    public static readonly TimeSpan ConnectionCap = TimeSpan.FromHours(2);

    /// <summary>Past the cap: TTL deletes within days of expiry, so the margin only keeps a live record from going early.</summary>
    public static readonly TimeSpan ExpiryMargin = TimeSpan.FromMinutes(5);

    /// <summary>A rate counter's count of connections made in its minute.</summary>
    public const string Count = "count";

    /// <summary>
    /// A rate counter's key: the partition <c>rate#</c> and the caller (never a list's id, which is a user's UUID or
    /// the shared list's name), sorted by the minute counted.
    /// </summary>
    public static Dictionary<string, AttributeValue> RateKey(string caller, long minute) =>
        Key("rate#" + caller, minute.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// How long after its record a connection may still be handshaking: API Gateway answers 410 for a connection whose
    /// <c>$connect</c> has run but whose handshake has not finished, so a 410 within this of the record is not taken as gone.
    /// </summary>
    public static readonly TimeSpan ConnectingGrace = TimeSpan.FromSeconds(30);

    public static Dictionary<string, AttributeValue> Key(string listId, string connectionId) => new()
    {
        [ListId] = new AttributeValue { S = listId },
        [ConnectionId] = new AttributeValue { S = connectionId },
    };

    public static Dictionary<string, AttributeValue> Item(string listId, string connectionId, string? userId, DateTimeOffset now)
    {
        var item = Key(listId, connectionId);
        if (userId is not null)
            item[UserId] = new AttributeValue { S = userId };
        item[ConnectedAt] = new AttributeValue { S = Timestamp.ToText(now) };
        item[ExpiresAt] = new AttributeValue { N = (now + ConnectionCap + ExpiryMargin).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) };
        return item;
    }
}
