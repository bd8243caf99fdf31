using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Domain;
using Todo.Store;

namespace Todo.Live.Connections;

/// <summary>Who follows which list: written by the WebSocket API's <c>$connect</c> and <c>$disconnect</c>, read by the notifier.</summary>
public sealed class ConnectionStore(IAmazonDynamoDB dynamoDb, string tableName)
{
    public string TableName => tableName;

    public Task PutAsync(string listId, string connectionId, string? userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        dynamoDb.PutItemAsync(new PutItemRequest { TableName = tableName, Item = ConnectionsTable.Item(listId, connectionId, userId, now) }, cancellationToken);

    /// <summary>Deleting a record already gone (a second <c>$disconnect</c>, or a 410 after it) is no error.</summary>
    public Task DeleteAsync(string listId, string connectionId, CancellationToken cancellationToken) =>
        dynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = ConnectionsTable.Key(listId, connectionId) }, cancellationToken);

    /// <summary>
    /// Forgets a connection API Gateway answered 410 for, unless its record is younger than <see cref="ConnectionsTable.ConnectingGrace"/>:
    /// deleting the record of a connection still handshaking would leave it without pushes for its whole life.
    /// </summary>
    /// <returns>Whether a record was deleted.</returns>
    public async Task<bool> ForgetGoneAsync(string listId, string connectionId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            await dynamoDb.DeleteItemAsync(new DeleteItemRequest
            {
                TableName = tableName,
                Key = ConnectionsTable.Key(listId, connectionId),
                ConditionExpression = "#connectedAt < :settled",
                ExpressionAttributeNames = new() { ["#connectedAt"] = ConnectionsTable.ConnectedAt },
                ExpressionAttributeValues = new() { [":settled"] = new AttributeValue { S = Timestamp.ToText(now - ConnectionsTable.ConnectingGrace) } },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <summary>
    /// The connections following a list: one Query of its partition, paged, reading only the ids. A consistent read, so a
    /// connection made just before a change is sent it.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListAsync(string listId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var query = new QueryRequest
        {
            TableName = tableName,
            ConsistentRead = true,
            KeyConditionExpression = "#list = :list",
            ProjectionExpression = "#connection",
            ExpressionAttributeNames = new() { ["#list"] = ConnectionsTable.ListId, ["#connection"] = ConnectionsTable.ConnectionId },
            ExpressionAttributeValues = new() { [":list"] = new AttributeValue { S = listId } },
        };
        await foreach (var page in dynamoDb.QueryPagesAsync(query, cancellationToken))
            ids.AddRange((page.Items ?? []).Select(item => item[ConnectionsTable.ConnectionId].S));
        return ids;
    }
}
