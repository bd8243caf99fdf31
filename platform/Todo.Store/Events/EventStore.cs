using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Store.Idempotency;
using Todo.Domain;
using Todo.Domain.Events;

namespace Todo.Store.Events;

/// <summary>
/// Reads a todo's stream, or just its newest snapshot, and appends to it with optimistic concurrency on
/// the events table.
/// </summary>
public sealed class EventStore(IAmazonDynamoDB dynamoDb, string tableName)
{
    /// <summary>The item must not exist yet, so two writers can never both write version N.</summary>
    private static readonly string NewItemOnly = $"attribute_not_exists({EventTable.TodoId})";

    /// <summary>The whole stream, page by page: what a fold from the start needs (tests, checks, items without snapshots).</summary>
    public async Task<EventStream> ReadAsync(Guid todoId, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var query = Query(todoId);
            query.ExclusiveStartKey = startKey;
            var page = await dynamoDb.QueryAsync(query, cancellationToken);
            events.AddRange((page.Items ?? []).Select(EventCodec.FromItem));
            startKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        } while (startKey is not null);
        return new EventStream(events);
    }

    /// <summary>
    /// The todo's state at its newest version: one consistent Query for the newest item, whose snapshot it
    /// is, whatever the length of the history. Only a stream whose newest item predates snapshots is read
    /// and folded whole; the next event appended to it carries one.
    /// </summary>
    public async Task<Snapshot> ReadSnapshotAsync(Guid todoId, CancellationToken cancellationToken)
    {
        var query = Query(todoId);
        query.ScanIndexForward = false;
        query.Limit = 1;
        var newest = await dynamoDb.QueryAsync(query, cancellationToken);
        if (newest.Items is not [var item, ..])
            return Snapshot.Empty;
        if (EventCodec.SnapshotOf(item) is { } snapshot)
            return snapshot;
        var stream = await ReadAsync(todoId, cancellationToken);
        return new Snapshot(TodoDecider.Fold(stream.DomainEvents), stream.Version);
    }

    /// <summary>A consistent read of one todo's items, oldest first.</summary>
    private QueryRequest Query(Guid todoId) => new()
    {
        TableName = tableName,
        ConsistentRead = true,
        KeyConditionExpression = "#id = :id",
        ExpressionAttributeNames = new() { ["#id"] = EventTable.TodoId },
        ExpressionAttributeValues = new() { [":id"] = new AttributeValue { S = todoId.ToString() } },
    };

    /// <summary>
    /// Appends the events after <paramref name="current"/>'s version, each item with the state it leaves
    /// the todo in, and the request's idempotency record if it has one: one conditional PutItem for a
    /// single item, one TransactWriteItems for several, so a command's events and its record commit
    /// together or not at all.
    /// </summary>
    /// <param name="current">The state the events were decided on, at the version they follow.</param>
    /// <param name="traceHeader">The command's trace header, kept with each event for the projection's trace.</param>
    public async Task<AppendResult> AppendAsync(
        Guid todoId, Snapshot current, IReadOnlyList<TodoEvent> events, string commandId, string? traceHeader, DateTimeOffset now,
        IdempotencyWrite? idempotency, CancellationToken cancellationToken)
    {
        // Every event of a stream carries the todo's owner, which its creation sets and nothing changes.
        var owner = events.Aggregate(current.State, TodoDecider.Evolve).Owner;
        var stored = events.Select((e, i) => new StoredEvent(todoId, current.Version + 1 + i, e, now, commandId, traceHeader, owner)).ToList();
        var state = current.State;
        var puts = stored.Select(e => EventPut(e, state = TodoDecider.Evolve(state, e.Event))).ToList();
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
        new(winner is { Count: > 0 } ? EventCodec.SnapshotOf(winner) : null);

    private static AppendResult.Duplicate Duplicate(Dictionary<string, AttributeValue>? existing) =>
        new(IdempotencyTable.FromItem(existing ?? throw new InvalidOperationException("DynamoDB did not return the existing idempotency record.")));

    private Put EventPut(StoredEvent stored, TodoState stateAfter) => new()
    {
        TableName = tableName,
        Item = EventCodec.ToItem(stored, stateAfter),
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
