using System.Diagnostics;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Store.Events;
using Todo.Store.ReadTable;
using Todo.Benchmarks.Engine;
using Todo.Benchmarks.Measuring;
using Todo.Commands;
using Todo.Harness.Seeding;

namespace Todo.Benchmarks.CommandCost;

/// <summary>A PUT's cost on todos of one history length.</summary>
/// <param name="PriorEvents">The events the todos were seeded with.</param>
/// <param name="MostPriorEvents">The longest history a measured PUT met: each PUT adds an event.</param>
/// <param name="Cold">The first PUT of a new function instance: the bounded read (Query, newest item) and the write.</param>
/// <param name="Warm">The next PUT on that instance, decided on its cached snapshot: the write alone.</param>
/// <param name="RawNewest">The engine's own cost of that read: a consistent Query for the newest item, sent straight to it.</param>
public sealed record HistoryFigures(int PriorEvents, long MostPriorEvents, int Todos, Latencies Cold, Latencies Warm, Latencies RawNewest);

/// <param name="RawPut">The raw conditional PutItem, on the same client in the same rounds.</param>
public sealed record HistoryCostResult(Latencies RawPut, IReadOnlyList<HistoryFigures> Lengths)
{
    public HistoryFigures Shortest => Lengths[0];

    public double ColdRatio(HistoryFigures figures) => figures.Cold.Median / Shortest.Cold.Median;

    public double WarmRatio(HistoryFigures figures) => figures.Warm.Median / Shortest.Warm.Median;
}

/// <summary>
/// Benchmark 1b: a PUT's cost against the length of its todo's history. Todos get their history straight
/// into the events table (<see cref="HistorySeeder"/>), and the projection is let catch up before anything
/// is measured. Each round then times, interleaved, a raw conditional PutItem and, on a todo of each
/// length, a cold and a warm PUT through a new instance of the update function, invoked directly on one
/// client (no HTTP, so the figures compare the commands alone).
/// </summary>
public static class HistoryCostBenchmark
{
    /// <summary>Todos of one length are used in turn, so that the PUTs lengthen each by at most a tenth.</summary>
    private const double Growth = 0.1;

    public static async Task<HistoryCostResult> RunAsync(FreshApp app, BenchmarkSizes sizes, Action<string> progress)
    {
        using var client = EngineClient.Create(app.DynamoDbUrl);
        var rounds = sizes.HistoryRounds;
        var seeder = new HistorySeeder(client, app.Tables.Events);
        var pools = new List<(int Length, IReadOnlyList<Guid> Todos)>();
        foreach (var length in sizes.HistoryLengths)
        {
            var todos = (int)Math.Min(rounds, Math.Ceiling(2.0 * rounds / (Growth * length)));
            pools.Add((length, await seeder.SeedAsync(todos, length)));
        }
        progress($"seeded {pools.Sum(p => p.Length * p.Todos.Count):N0} events; waiting for the projection to apply them");
        await WaitForProjectionAsync(client, app.Tables.Todos, pools, sizes.ConvergenceTimeout);

        var raw = new RawWrites(client, app.Tables.Events);
        var direct = new DirectCommands(app, client);
        var rawPut = new Latencies();
        var measured = pools.Select(p => new Measured(p.Length, p.Todos)).ToList();
        for (var round = 0; round < rounds; round++)
        {
            await rawPut.TimeAsync(raw.PutAsync);
            // Each round starts at another length, so that none always follows the same request.
            for (var i = 0; i < measured.Count; i++)
            {
                var length = measured[(round + i) % measured.Count];
                var id = length.Todos[round % length.Todos.Count];
                var instance = direct.NewInstance(CommandRoutes.Update.Name);
                var written = DirectCommands.VersionOf(await length.Cold.TimeAsync(() => DirectCommands.InvokeAsync(instance, "PUT", id, new JsonObject { ["completed"] = true })));
                DirectCommands.VersionOf(await length.Warm.TimeAsync(() => DirectCommands.InvokeAsync(instance, "PUT", id, new JsonObject { ["completed"] = false })));
                await length.RawNewest.TimeAsync(() => NewestAsync(client, app.Tables.Events, id));
                length.MostPriorEvents = Math.Max(length.MostPriorEvents, written - 1);
            }
        }
        return new HistoryCostResult(rawPut, measured.Select(m => new HistoryFigures(m.Length, m.MostPriorEvents, m.Todos.Count, m.Cold, m.Warm, m.RawNewest)).ToList());
    }

    private sealed class Measured(int length, IReadOnlyList<Guid> todos)
    {
        public int Length { get; } = length;
        public IReadOnlyList<Guid> Todos { get; } = todos;
        public Latencies Cold { get; } = new();
        public Latencies Warm { get; } = new();
        public Latencies RawNewest { get; } = new();
        public long MostPriorEvents { get; set; }
    }

    /// <summary>What the cold PUT reads first, straight from the engine.</summary>
    private static Task<QueryResponse> NewestAsync(IAmazonDynamoDB client, string table, Guid id) => client.QueryAsync(new QueryRequest
    {
        TableName = table,
        ConsistentRead = true,
        KeyConditionExpression = "#id = :id",
        ExpressionAttributeNames = new() { ["#id"] = EventTable.TodoId },
        ExpressionAttributeValues = new() { [":id"] = new AttributeValue { S = id.ToString() } },
        ScanIndexForward = false,
        Limit = 1,
    });

    /// <summary>Seeded events reach the projector like any others: measuring while it works them off would measure it too.</summary>
    private static async Task WaitForProjectionAsync(IAmazonDynamoDB client, string todosTable, IEnumerable<(int Length, IReadOnlyList<Guid> Todos)> pools, TimeSpan timeout)
    {
        var waiting = pools.SelectMany(p => p.Todos.Select(id => (Id: id, p.Length))).ToList();
        var started = Stopwatch.GetTimestamp();
        while (waiting.Count > 0)
        {
            var (id, length) = waiting[^1];
            var item = (await client.GetItemAsync(new GetItemRequest { TableName = todosTable, Key = TodoTable.Key(TodoTable.DefaultList, id), ConsistentRead = true })).Item;
            if (item is { Count: > 0 } && TodoTable.VersionOf(item) >= length)
                waiting.RemoveAt(waiting.Count - 1);
            else if (Stopwatch.GetElapsedTime(started) > timeout)
                throw new TimeoutException($"The projection had not applied the seeded events after {timeout}.");
            else
                await Task.Delay(100);
        }
    }
}
