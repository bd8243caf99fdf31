using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Todo.Operator.Rebuild;

/// <summary>
/// Puts items into a table with BatchWriteItem, 25 a request: unprocessed items are sent again, and both
/// they and throttling back off exponentially (with jitter); <paramref name="rate"/>, when set, caps the
/// items written per second across every caller.
/// </summary>
public sealed class BatchWriter(IAmazonDynamoDB dynamoDb, string table, int? rate)
{
    private const int MaxBatch = 25;
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);
    private readonly Lock gate = new();
    private readonly long startedAt = Stopwatch.GetTimestamp();
    private long granted;

    public async Task PutAsync(IEnumerable<Dictionary<string, AttributeValue>> items, CancellationToken cancellationToken)
    {
        foreach (var chunk in items.Chunk(MaxBatch))
        {
            await WaitForRateAsync(chunk.Length, cancellationToken);
            var pending = chunk.Select(item => new WriteRequest { PutRequest = new PutRequest { Item = item } }).ToList();
            for (var attempt = 0; pending.Count > 0; attempt++)
            {
                if (attempt > 0)
                    await Task.Delay(Backoff(attempt), cancellationToken);
                try
                {
                    var response = await dynamoDb.BatchWriteItemAsync(new BatchWriteItemRequest
                    {
                        RequestItems = new() { [table] = pending },
                    }, cancellationToken);
                    pending = response.UnprocessedItems?.GetValueOrDefault(table) ?? [];
                }
                catch (Exception e) when (e is ProvisionedThroughputExceededException or RequestLimitExceededException)
                {
                    // Throttled as a whole: the same batch again, after the backoff.
                }
            }
        }
    }

    /// <summary>Waits until writing <paramref name="count"/> more items keeps the rate at or under the cap.</summary>
    private async Task WaitForRateAsync(int count, CancellationToken cancellationToken)
    {
        if (rate is not { } perSecond)
            return;
        TimeSpan wait;
        lock (gate)
        {
            granted += count;
            wait = TimeSpan.FromSeconds((double)granted / perSecond) - Stopwatch.GetElapsedTime(startedAt);
        }
        if (wait > TimeSpan.Zero)
            await Task.Delay(wait, cancellationToken);
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(
        Math.Min(MaxBackoff.TotalMilliseconds, 50 * Math.Pow(2, attempt)) * (0.5 + Random.Shared.NextDouble() / 2));
}
