using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Domain;
using Todo.Domain.Events;
using Todo.Store.Events;
using Todo.Harness.Seeding;

namespace Todo.Benchmarks.Engine;

/// <summary>
/// The engine's own cost, the yardstick of every end-to-end figure: the conditional PutItem a POST
/// makes (a TodoCreated event for a new todo, with the same text, on the events table), sent
/// straight to DynamoDB Local without the API, the functions or the local host.
/// </summary>
public sealed class RawWrites(IAmazonDynamoDB dynamoDb, string eventsTable)
{
    private static readonly string NewItemOnly = $"attribute_not_exists({EventTable.TodoId})";

    /// <returns>The new todo's id.</returns>
    public async Task<Guid> PutAsync()
    {
        var now = Timestamp.Truncate(DateTimeOffset.UtcNow);
        var stored = new StoredEvent(Guid.NewGuid(), 1, new TodoCreated(FixtureText.Standard, now), now, Guid.NewGuid().ToString());
        await dynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = eventsTable,
            Item = EventCodec.ToItem(stored, new TodoState.Live(FixtureText.Standard, false, now)),
            ConditionExpression = NewItemOnly,
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        });
        return stored.TodoId;
    }

    /// <summary>Conditional writes per second with <paramref name="concurrency"/> writers, and how many records the stream held before.</summary>
    public async Task<RawRate> RateAsync(int concurrency, TimeSpan duration)
    {
        var before = await CountEventsAsync();
        var written = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                await PutAsync();
                Interlocked.Increment(ref written);
            }
        }));
        return new RawRate(written / Stopwatch.GetElapsedTime(started).TotalSeconds, concurrency, before);
    }

    /// <summary>The events table's items, which are also the records its stream has taken (nothing is ever updated or deleted).</summary>
    public async Task<long> CountEventsAsync()
    {
        long count = 0;
        await foreach (var page in dynamoDb.Paginators.Scan(new ScanRequest { TableName = eventsTable, Select = Select.COUNT }).Responses)
            count += page.Count ?? 0;
        return count;
    }
}

/// <summary>The engine's raw conditional-write rate, at a concurrency and a stream size.</summary>
public sealed record RawRate(double PerSecond, int Concurrency, long StreamRecords);
