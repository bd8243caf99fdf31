using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Store.Idempotency;
using Todo.Domain;

namespace Todo.Store.Events;

/// <summary>
/// The events table on DynamoDB, and every Query of it: a todo's stream or just its newest snapshot, its
/// items page by page, and appends with optimistic concurrency, each with the request's idempotency record.
/// </summary>
/// <param name="idempotencyTable">Where idempotency records are kept; a store that only reads needs none.</param>
public sealed class EventStore(IAmazonDynamoDB dynamoDb, string tableName, string? idempotencyTable = null) : IEventStore
{
    /// <summary>The item must not exist yet, so two writers can never both write version N.</summary>
    private static readonly string NewItemOnly = $"attribute_not_exists({EventTable.TodoId})";

    private readonly IdempotencyStore? idempotency = idempotencyTable is null ? null : new IdempotencyStore(dynamoDb, idempotencyTable);

    private IdempotencyStore Idempotency =>
        idempotency ?? throw new InvalidOperationException("This event store was made without the idempotency table.");

    /// <summary>The whole stream: what a fold from the start needs (replays, checks, items without snapshots).</summary>
    public async Task<EventStream> ReadAsync(Guid todoId, CancellationToken cancellationToken) =>
        new([.. (await ItemsAsync(todoId, 0, cancellationToken)).Select(EventCodec.FromItem)]);

    /// <summary>The todo's items after version <paramref name="afterVersion"/> as they are stored, undecoded, oldest first: every page of a consistent Query.</summary>
    public async Task<List<Dictionary<string, AttributeValue>>> ItemsAsync(Guid todoId, long afterVersion, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        await foreach (var page in dynamoDb.QueryPagesAsync(Query(todoId, afterVersion, consistent: true), cancellationToken))
            items.AddRange(page.Items ?? []);
        return items;
    }

    /// <summary>
    /// One consistent Query for the newest item, whose snapshot it is, whatever the length of the history.
    /// Only a stream whose newest item predates snapshots is read and folded whole; the next event appended
    /// to it carries one.
    /// </summary>
    public async Task<Snapshot> ReadSnapshotAsync(Guid todoId, CancellationToken cancellationToken) =>
        (await ReadAtAsync(todoId, long.MaxValue, cancellationToken))?.State ?? Snapshot.Empty;

    /// <summary>
    /// The event at <paramref name="version"/> (the newest, for a stream not that long) and the state after it:
    /// one consistent Query, as each item holds the state after it; an item that predates snapshots is folded
    /// to from the stream. Null for a todo without events.
    /// </summary>
    public async Task<EventAt?> ReadAtAsync(Guid todoId, long version, CancellationToken cancellationToken)
    {
        var newest = await dynamoDb.QueryAsync(new QueryRequest
        {
            TableName = tableName,
            ConsistentRead = true,
            KeyConditionExpression = "#id = :id AND #version <= :upTo",
            ExpressionAttributeNames = new() { ["#id"] = EventTable.TodoId, ["#version"] = EventTable.Version },
            ExpressionAttributeValues = new()
            {
                [":id"] = new AttributeValue { S = todoId.ToString() },
                [":upTo"] = new AttributeValue { N = version.ToString(CultureInfo.InvariantCulture) },
            },
            ScanIndexForward = false,
            Limit = 1,
        }, cancellationToken);
        if (newest.Items is not [var item, ..])
            return null;
        var (at, occurredAt, owner) = EventCodec.PlaceOf(item);
        if (EventCodec.SnapshotOf(item) is { } snapshot)
            return new EventAt(occurredAt, owner, snapshot);
        var stream = await ReadAsync(todoId, cancellationToken);
        return new EventAt(occurredAt, owner, new Snapshot(TodoDecider.Fold(stream.Events.Where(e => e.Version <= at).Select(e => e.Event)), at));
    }

    /// <summary>One Query; DynamoDB may also stop a page short of the limit (at 1 MB), with more to read.</summary>
    public async Task<EventPage> ReadPageAsync(Guid todoId, long afterVersion, int? limit, bool consistent, CancellationToken cancellationToken)
    {
        var query = Query(todoId, afterVersion, consistent);
        query.Limit = limit;
        var page = await dynamoDb.QueryAsync(query, cancellationToken);
        return new EventPage(
            [.. (page.Items ?? []).Select(EventCodec.FromItem)],
            Pages.Next(page.LastEvaluatedKey) is { } last ? long.Parse(last[EventTable.Version].N, CultureInfo.InvariantCulture) : null);
    }

    public Task<IdempotencyRecord?> FindIdempotencyAsync(string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        Idempotency.FindAsync(id, now, cancellationToken);

    /// <summary>A read of one todo's items after a version, oldest first (versions start at 1, so after 0 is all of them).</summary>
    private QueryRequest Query(Guid todoId, long afterVersion, bool consistent) => new()
    {
        TableName = tableName,
        ConsistentRead = consistent,
        KeyConditionExpression = "#id = :id AND #version > :after",
        ExpressionAttributeNames = new() { ["#id"] = EventTable.TodoId, ["#version"] = EventTable.Version },
        ExpressionAttributeValues = new()
        {
            [":id"] = new AttributeValue { S = todoId.ToString() },
            [":after"] = new AttributeValue { N = afterVersion.ToString(CultureInfo.InvariantCulture) },
        },
    };

    /// <summary>
    /// One conditional PutItem for a single item, one TransactWriteItems for several, so a command's events
    /// and its record commit together or not at all.
    /// </summary>
    public async Task<AppendResult> AppendAsync(
        IReadOnlyList<FoldedEvent> events, IdempotencyRecord? idempotency, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var puts = events.Select(EventPut).ToList();
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
            return new AppendResult.Appended();
        }
        catch (ConditionalCheckFailedException e)
        {
            return events.Count == 1 ? Conflict(e.Item) : Duplicate(e.Item);
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

    private Put EventPut(FoldedEvent folded) => new()
    {
        TableName = tableName,
        Item = EventCodec.ToItem(folded.Stored, folded.StateAfter),
        ConditionExpression = NewItemOnly,
        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
    };

    private Put RecordPut(IdempotencyRecord record, DateTimeOffset now)
    {
        var (condition, names, values) = IdempotencyTable.FreeOrExpired(now);
        return new Put
        {
            TableName = Idempotency.TableName,
            Item = IdempotencyTable.ToItem(record),
            ConditionExpression = condition,
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        };
    }
}
