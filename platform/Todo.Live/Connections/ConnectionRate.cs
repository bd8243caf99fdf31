using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Todo.Live.Connections;

/// <summary>
/// The connection rate limits: AWS WAF, which counts the REST API's requests per user and per viewer address, cannot be
/// attached to a WebSocket API, so <c>$connect</c> counts here, one atomic counter per caller and minute in the
/// connections table, which TTL removes once its minute is over.
/// </summary>
public sealed class ConnectionRate(IAmazonDynamoDB dynamoDb, string tableName)
{
    /// <summary>Counts one connection of the caller in the minute of <paramref name="now"/>.</summary>
    /// <returns>Whether it is within <paramref name="perMinute"/>; a refused one counts too, as a blocked request does in WAF.</returns>
    public async Task<bool> TryCountAsync(string caller, int perMinute, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var minute = now.ToUnixTimeSeconds() / 60;
        var response = await dynamoDb.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = ConnectionsTable.RateKey(caller, minute),
            UpdateExpression = "ADD #count :one SET #expires = :expires",
            ExpressionAttributeNames = new() { ["#count"] = ConnectionsTable.Count, ["#expires"] = ConnectionsTable.ExpiresAt },
            ExpressionAttributeValues = new()
            {
                [":one"] = new AttributeValue { N = "1" },
                [":expires"] = new AttributeValue { N = ((minute + 2) * 60).ToString(CultureInfo.InvariantCulture) },
            },
            ReturnValues = ReturnValue.UPDATED_NEW,
        }, cancellationToken);
        return long.Parse(response.Attributes[ConnectionsTable.Count].N, CultureInfo.InvariantCulture) <= perMinute;
    }
}
