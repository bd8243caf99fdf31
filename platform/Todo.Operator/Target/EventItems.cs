using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.ReadModel;
using Todo.Store.Events;

namespace Todo.Operator.Target;

/// <summary>The events table's items as they are, undecoded: an operator must see an event this code cannot read too.</summary>
public static class EventItems
{
    /// <summary>One todo's items, oldest first (consistent Queries of its partition), or those after <paramref name="after"/>.</summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> OfTodoAsync(IAmazonDynamoDB dynamoDb, string table, Guid todoId, CancellationToken cancellationToken,
        Dictionary<string, AttributeValue>? after = null)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        var startKey = after;
        do
        {
            var page = await dynamoDb.QueryAsync(new QueryRequest
            {
                TableName = table,
                ConsistentRead = true,
                KeyConditionExpression = "#id = :id",
                ExpressionAttributeNames = new() { ["#id"] = EventTable.TodoId },
                ExpressionAttributeValues = new() { [":id"] = new AttributeValue { S = todoId.ToString() } },
                ExclusiveStartKey = startKey,
            }, cancellationToken);
            items.AddRange(page.Items ?? []);
            startKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        } while (startKey is not null);
        return items;
    }

    /// <summary>
    /// Every item of a table, by a parallel segmented Scan (consistent reads): each segment pages on its own,
    /// and <paramref name="onPage"/> sees each page as it arrives.
    /// </summary>
    public static Task ScanAsync(IAmazonDynamoDB dynamoDb, string table, int segments,
        Action<List<Dictionary<string, AttributeValue>>> onPage, CancellationToken cancellationToken, IReadOnlyList<string>? projection = null) =>
        Task.WhenAll(Enumerable.Range(0, segments).Select(async segment =>
        {
            Dictionary<string, AttributeValue>? startKey = null;
            do
            {
                var page = await dynamoDb.ScanAsync(new ScanRequest
                {
                    TableName = table,
                    Segment = segment,
                    TotalSegments = segments,
                    ConsistentRead = true,
                    ExclusiveStartKey = startKey,
                    ProjectionExpression = projection is null ? null : string.Join(", ", projection.Select((_, i) => $"#p{i}")),
                    ExpressionAttributeNames = projection?.Select((name, i) => (name, i)).ToDictionary(p => $"#p{p.i}", p => p.name),
                }, cancellationToken);
                onPage(page.Items ?? []);
                startKey = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
            } while (startKey is not null);
        }));

    /// <summary>The item the todo's events give, or null for no events; throws <see cref="FormatException"/> or <see cref="InvalidOperationException"/> for events that do not read or fold.</summary>
    public static Dictionary<string, AttributeValue>? ExpectedItem(IEnumerable<Dictionary<string, AttributeValue>> items)
    {
        var stream = new EventStream([.. items.Select(EventCodec.FromItem).OrderBy(e => e.Version)]);
        return ReadModelItem.StateOf(stream) is { } state ? ReadModelItem.Of(stream.Events[0].TodoId, state) : null;
    }
}
