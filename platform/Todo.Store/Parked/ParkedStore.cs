using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Todo.Store.Parked;

/// <summary>The parked table: what the projector sets aside per todo, and what a redrive or a discard clears.</summary>
public sealed class ParkedStore(IAmazonDynamoDB dynamoDb, string tableName)
{
    public string TableName => tableName;

    /// <summary>One PutItem each: parking again what is parked already (a redelivered record) writes the same item.</summary>
    public async Task ParkAsync(IEnumerable<ParkedEvent> events, CancellationToken cancellationToken)
    {
        foreach (var parked in events)
            await dynamoDb.PutItemAsync(new PutItemRequest { TableName = tableName, Item = ParkedTable.ToItem(parked) }, cancellationToken);
    }

    /// <summary>A todo's parked events, oldest first.</summary>
    public async Task<List<ParkedEvent>> OfTodoAsync(Guid todoId, CancellationToken cancellationToken)
    {
        var parked = new List<ParkedEvent>();
        var query = new QueryRequest
        {
            TableName = tableName,
            ConsistentRead = true,
            KeyConditionExpression = "#id = :id",
            ExpressionAttributeNames = new() { ["#id"] = ParkedTable.TodoId },
            ExpressionAttributeValues = new() { [":id"] = new AttributeValue { S = todoId.ToString() } },
        };
        await foreach (var page in dynamoDb.QueryPagesAsync(query, cancellationToken))
            parked.AddRange((page.Items ?? []).Select(ParkedTable.FromItem));
        return parked;
    }

    /// <summary>Every parked event, by todo and in order within each: the table is small (only what failed), so a Scan is the operator's way to list it.</summary>
    public async Task<List<ParkedEvent>> AllAsync(CancellationToken cancellationToken)
    {
        var parked = new List<ParkedEvent>();
        await foreach (var page in dynamoDb.ScanPagesAsync(new ScanRequest { TableName = tableName, ConsistentRead = true }, cancellationToken))
            parked.AddRange((page.Items ?? []).Select(ParkedTable.FromItem));
        return [.. parked.OrderBy(p => p.TodoId).ThenBy(p => p.Version)];
    }

    /// <summary>Removes the todo's parked events up to <paramref name="upToVersion"/>; any parked after it (a new failure) stay.</summary>
    public async Task<int> RemoveAsync(Guid todoId, long upToVersion, CancellationToken cancellationToken)
    {
        var removed = 0;
        foreach (var parked in await OfTodoAsync(todoId, cancellationToken))
        {
            if (parked.Version > upToVersion)
                continue;
            await dynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = ParkedTable.Key(todoId, parked.Version) }, cancellationToken);
            removed++;
        }
        return removed;
    }
}
