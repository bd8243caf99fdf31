using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.ReadModel;
using Todo.Store;
using Todo.Store.Events;

namespace Todo.Operator.Target;

/// <summary>The events table's items as they are, undecoded: an operator must see an event this code cannot read too.</summary>
public static class EventItems
{
    /// <summary>One todo's items, oldest first (consistent Queries of its partition), or those after version <paramref name="afterVersion"/>.</summary>
    public static Task<List<Dictionary<string, AttributeValue>>> OfTodoAsync(IAmazonDynamoDB dynamoDb, string table, Guid todoId, CancellationToken cancellationToken,
        long afterVersion = 0) =>
        new EventStore(dynamoDb, table).ItemsAsync(todoId, afterVersion, cancellationToken);

    /// <summary>
    /// Every item of a table, by a parallel segmented Scan (consistent reads): each segment pages on its own,
    /// and <paramref name="onPage"/> sees each page as it arrives.
    /// </summary>
    public static Task ScanAsync(IAmazonDynamoDB dynamoDb, string table, int segments,
        Action<List<Dictionary<string, AttributeValue>>> onPage, CancellationToken cancellationToken, IReadOnlyList<string>? projection = null) =>
        Task.WhenAll(Enumerable.Range(0, segments).Select(async segment =>
        {
            var scan = new ScanRequest
            {
                TableName = table,
                Segment = segment,
                TotalSegments = segments,
                ConsistentRead = true,
                ProjectionExpression = projection is null ? null : string.Join(", ", projection.Select((_, i) => $"#p{i}")),
                ExpressionAttributeNames = projection?.Select((name, i) => (name, i)).ToDictionary(p => $"#p{p.i}", p => p.name),
            };
            await foreach (var page in dynamoDb.ScanPagesAsync(scan, cancellationToken))
                onPage(page.Items ?? []);
        }));

    /// <summary>The item the todo's events give, or null for no events; throws <see cref="FormatException"/> or <see cref="InvalidOperationException"/> for events that do not read or fold.</summary>
    public static Dictionary<string, AttributeValue>? ExpectedItem(IEnumerable<Dictionary<string, AttributeValue>> items)
    {
        var stream = new EventStream([.. items.Select(EventCodec.FromItem).OrderBy(e => e.Version)]);
        return ReadModelItem.StateOf(stream) is { } state ? ReadModelItem.Of(stream.Events[0].TodoId, state) : null;
    }
}
