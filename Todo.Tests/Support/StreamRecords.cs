using System.Text.Json.Nodes;
using Todo.Local;
using Todo.Local.Streams;

namespace Todo.Tests.Support;

/// <summary>Reads a table's stream (the events table's unless named) from the start, as the event source mapping would, to get real stream records.</summary>
public static class StreamRecords
{
    /// <summary>One for all the clients, as HttpClient is meant to be shared.</summary>
    private static readonly HttpClient Http = new();

    public static DynamoDbStreamsClient Client(LocalApp app) =>
        new(Http, app.DynamoDbUrl, LocalAws.Region, LocalAws.AccessKey, LocalAws.SecretKey);

    public static async Task<string> StreamArnAsync(LocalAppFixture fixture, string? table = null) =>
        (await fixture.App.DynamoDb.DescribeTableAsync(table ?? fixture.EventsTable)).Table.LatestStreamArn;

    public static async Task<JsonArray> ReadAllAsync(LocalAppFixture fixture, string? table = null)
    {
        var client = Client(fixture.App);
        var arn = await StreamArnAsync(fixture, table);
        var all = new JsonArray();
        foreach (var shard in await client.DescribeShardsAsync(arn, CancellationToken.None))
        {
            var iterator = await client.GetShardIteratorAsync(arn, shard.ShardId, "TRIM_HORIZON", null, CancellationToken.None);
            while (iterator is not null)
            {
                var (records, next) = await client.GetRecordsAsync(iterator, 1000, CancellationToken.None);
                foreach (var record in records)
                {
                    record!["eventSourceARN"] = arn;
                    all.Add(record.DeepClone());
                }
                // An open shard never ends: stop once it has nothing more to give.
                iterator = records.Count == 0 ? null : next;
            }
        }
        return all;
    }
}
