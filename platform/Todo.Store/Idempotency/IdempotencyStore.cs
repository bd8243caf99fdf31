using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Todo.Store.Idempotency;

/// <summary>Looks up a kept response, for the requests that write nothing (and so cannot meet their record in a failed write).</summary>
public sealed class IdempotencyStore(IAmazonDynamoDB dynamoDb, string tableName)
{
    public string TableName => tableName;

    public async Task<IdempotencyRecord?> FindAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var response = await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = IdempotencyTable.Key(id),
            ConsistentRead = true,
        }, cancellationToken);
        return response.Item is { Count: > 0 } item && IdempotencyTable.FromItem(item) is var record && !record.HasExpired(now) ? record : null;
    }
}
