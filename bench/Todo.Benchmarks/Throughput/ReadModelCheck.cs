using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Benchmarks.Engine;
using Todo.Domain;
using Todo.Store.Events;
using Todo.Store.ReadTable;

namespace Todo.Benchmarks.Throughput;

/// <summary>
/// Whether the read model is what the events say: every todo's read item against the fold of its
/// events, read whole with consistent Scans (a check, never a request path).
/// </summary>
public static class ReadModelCheck
{
    /// <returns>How many todos there are, and how many of them have a read item missing, extra or unlike the fold.</returns>
    public static async Task<(int Todos, int Differences)> CompareAsync(IAmazonDynamoDB dynamoDb, BenchTables tables)
    {
        var streams = (await ScanAsync(dynamoDb, tables.Events))
            .Select(EventCodec.FromItem)
            .GroupBy(e => e.TodoId)
            .ToDictionary(g => g.Key, g => g.OrderBy(e => e.Version).ToList());
        var reads = (await ScanAsync(dynamoDb, tables.Todos)).ToDictionary(item => Guid.Parse(item[TodoTable.TodoId].S));
        var differences = reads.Keys.Count(id => !streams.ContainsKey(id));
        foreach (var (id, events) in streams)
        {
            if (!reads.TryGetValue(id, out var item) || !Matches(id, events, item))
                differences++;
        }
        return (streams.Count, differences);
    }

    private static bool Matches(Guid id, List<StoredEvent> events, Dictionary<string, AttributeValue> item)
    {
        var version = events[^1].Version;
        var listed = item.TryGetValue(TodoTable.CreatedAtKey, out var key) ? key.S : null;
        return TodoDecider.Fold(events.Select(e => e.Event)) switch
        {
            TodoState.Live live => TodoTable.FromItem(item) == new TodoView(id, live.Text, live.Completed, live.CreatedAt, version)
                && listed == TodoTable.SortKey(id, live.CreatedAt),
            TodoState.Deleted => TodoTable.FromItem(item) is null && TodoTable.VersionOf(item) == version && listed is null,
            _ => false,
        };
    }

    private static async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(IAmazonDynamoDB dynamoDb, string table)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        await foreach (var page in dynamoDb.Paginators.Scan(new ScanRequest { TableName = table, ConsistentRead = true }).Responses)
            items.AddRange(page.Items ?? []);
        return items;
    }
}
