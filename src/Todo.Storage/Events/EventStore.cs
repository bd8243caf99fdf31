using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Domain.Events;

namespace Todo.Storage.Events;

/// <summary>Reads a todo's stream and appends to it with optimistic concurrency on the events table.</summary>
public sealed class EventStore(IAmazonDynamoDB dynamoDb, string tableName)
{
    /// <summary>The item must not exist yet, so two writers can never both write version N.</summary>
    private static readonly string NewItemOnly = $"attribute_not_exists({EventTable.TodoId})";

    public async Task<EventStream> ReadAsync(Guid todoId, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var page = await dynamoDb.QueryAsync(new QueryRequest
            {
                TableName = tableName,
                ConsistentRead = true,
                KeyConditionExpression = "#id = :id",
                ExpressionAttributeNames = new() { ["#id"] = EventTable.TodoId },
                ExpressionAttributeValues = new() { [":id"] = new AttributeValue { S = todoId.ToString() } },
                ExclusiveStartKey = startKey,
            }, cancellationToken);
            events.AddRange((page.Items ?? []).Select(EventCodec.FromItem));
            startKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        } while (startKey is not null);
        return new EventStream(events);
    }

    /// <summary>
    /// Appends the events after <paramref name="expectedVersion"/>: one conditional PutItem for one
    /// event, one TransactWriteItems for several, so a command's events commit together or not at all.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> AppendAsync(
        Guid todoId, long expectedVersion, IReadOnlyList<TodoEvent> events, string commandId, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var stored = events.Select((e, i) => new StoredEvent(todoId, expectedVersion + 1 + i, e, now, commandId)).ToList();
        try
        {
            if (stored.Count == 1)
                await dynamoDb.PutItemAsync(new PutItemRequest
                {
                    TableName = tableName,
                    Item = EventCodec.ToItem(stored[0]),
                    ConditionExpression = NewItemOnly,
                }, cancellationToken);
            else if (stored.Count > 1)
                await dynamoDb.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems = stored.Select(e => new TransactWriteItem
                    {
                        Put = new Put { TableName = tableName, Item = EventCodec.ToItem(e), ConditionExpression = NewItemOnly },
                    }).ToList(),
                }, cancellationToken);
        }
        catch (ConditionalCheckFailedException)
        {
            throw new ConcurrencyConflictException(todoId, expectedVersion);
        }
        catch (TransactionCanceledException e) when (e.CancellationReasons?.Any(r => r.Code == "ConditionalCheckFailed") == true)
        {
            throw new ConcurrencyConflictException(todoId, expectedVersion);
        }
        return stored;
    }
}
