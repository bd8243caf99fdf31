using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Domain.Events;
using Todo.Adapters.Idempotency;

namespace Todo.Adapters.Events;

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
    /// Appends the events after <paramref name="expectedVersion"/>, with the request's idempotency
    /// record if it has one: one conditional PutItem for a single item, one TransactWriteItems for
    /// several, so a command's events and its record commit together or not at all.
    /// </summary>
    public async Task<AppendResult> AppendAsync(
        Guid todoId, long expectedVersion, IReadOnlyList<TodoEvent> events, string commandId, DateTimeOffset now,
        IdempotencyWrite? idempotency, CancellationToken cancellationToken)
    {
        var stored = events.Select((e, i) => new StoredEvent(todoId, expectedVersion + 1 + i, e, now, commandId)).ToList();
        var puts = stored.Select(EventPut).ToList();
        if (idempotency is not null)
            puts.Add(RecordPut(idempotency, now));
        try
        {
            if (puts.Count == 1)
                await dynamoDb.PutItemAsync(new PutItemRequest
                {
                    TableName = puts[0].TableName,
                    Item = puts[0].Item,
                    ConditionExpression = puts[0].ConditionExpression,
                    ExpressionAttributeNames = puts[0].ExpressionAttributeNames,
                    ExpressionAttributeValues = puts[0].ExpressionAttributeValues,
                    ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                }, cancellationToken);
            else if (puts.Count > 1)
                await dynamoDb.TransactWriteItemsAsync(new TransactWriteItemsRequest
                {
                    TransactItems = puts.Select(put => new TransactWriteItem { Put = put }).ToList(),
                }, cancellationToken);
            return new AppendResult.Appended(stored);
        }
        catch (ConditionalCheckFailedException e)
        {
            return stored.Count == 1 ? Conflict(e.Item) : Duplicate(e.Item);
        }
        catch (TransactionCanceledException e) when (e.CancellationReasons is { } reasons)
        {
            // Reasons come in the order of the items; the record, if any, is last.
            if (idempotency is not null && reasons.Count == puts.Count && reasons[^1].Code == ConditionalCheckFailed)
                return Duplicate(reasons[^1].Item);
            var failed = reasons.FindIndex(r => r.Code == ConditionalCheckFailed);
            return Conflict(failed >= 0 ? reasons[failed].Item : null);
        }
    }

    private const string ConditionalCheckFailed = "ConditionalCheckFailed";

    private static AppendResult.Conflict Conflict(Dictionary<string, AttributeValue>? winner) =>
        new(winner is { Count: > 0 } ? EventCodec.FromItem(winner) : null);

    private static AppendResult.Duplicate Duplicate(Dictionary<string, AttributeValue>? existing) =>
        new(IdempotencyTable.FromItem(existing ?? throw new InvalidOperationException("DynamoDB did not return the existing idempotency record.")));

    private Put EventPut(StoredEvent stored) => new()
    {
        TableName = tableName,
        Item = EventCodec.ToItem(stored),
        ConditionExpression = NewItemOnly,
        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
    };

    private static Put RecordPut(IdempotencyWrite idempotency, DateTimeOffset now)
    {
        var (condition, names, values) = IdempotencyTable.FreeOrExpired(now);
        return new Put
        {
            TableName = idempotency.TableName,
            Item = IdempotencyTable.ToItem(idempotency.Record),
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
    }
}
