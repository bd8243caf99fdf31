using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Todo.Harness.Seeding;

/// <summary>Puts fixture items straight into a table, 25 to a BatchWriteItem and a few batches at a time, until none is left unprocessed.</summary>
public static class BatchWrites
{
    private const int BatchSize = 25;
    private const int Writers = 4;

    /// <param name="inOrder">One batch after another, so the table's stream holds the items in the order given (one todo's events must reach the projector in order).</param>
    public static async Task PutAllAsync(IAmazonDynamoDB dynamoDb, string table, IEnumerable<Dictionary<string, AttributeValue>> items, bool inOrder = false)
    {
        var batches = items.Chunk(BatchSize).ToList();
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, inOrder ? 1 : Writers).Select(async _ =>
        {
            for (var b = Interlocked.Increment(ref next); b < batches.Count; b = Interlocked.Increment(ref next))
                await WriteAsync(dynamoDb, table, batches[b]);
        }));
    }

    private static async Task WriteAsync(IAmazonDynamoDB dynamoDb, string table, IEnumerable<Dictionary<string, AttributeValue>> batch)
    {
        var pending = new Dictionary<string, List<WriteRequest>>
        {
            [table] = batch.Select(item => new WriteRequest { PutRequest = new PutRequest { Item = item } }).ToList(),
        };
        while (pending.Count > 0)
        {
            var response = await dynamoDb.BatchWriteItemAsync(new BatchWriteItemRequest { RequestItems = pending });
            pending = response.UnprocessedItems ?? [];
        }
    }
}
