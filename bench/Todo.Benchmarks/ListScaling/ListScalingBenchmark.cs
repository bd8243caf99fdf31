using Amazon.DynamoDBv2.Model;
using Todo.Benchmarks.Engine;
using Todo.Benchmarks.Measuring;
using Todo.Store.ReadTable;
using Todo.Harness.Seeding;

namespace Todo.Benchmarks.ListScaling;

/// <summary>Read latencies with one number of todos in the read table.</summary>
/// <param name="Page">GET /api/todos?limit=50.</param>
/// <param name="EngineQuery">The Query on the list's index with Limit 50 sent straight to the engine: what a page costs below the API.</param>
public sealed record ListFigures(int Todos, Latencies Page, int PageItems, Latencies GetById, Latencies WholeList, int WholeListBytes, Latencies EngineQuery);

/// <summary>Benchmark 3: how reads scale from 100 todos to many, on one engine.</summary>
public sealed record ListScalingResult(ListFigures Small, ListFigures Large)
{
    /// <summary>Whether the API cut the page at the limit; an API without paging answers every todo.</summary>
    public bool LimitHonoured => Small.PageItems == BenchmarkSizes.ListLimit && Large.PageItems == BenchmarkSizes.ListLimit;

    public double PageRatio => Large.Page.Median / Small.Page.Median;
    public double GetByIdRatio => Large.GetById.Median / Small.GetById.Median;
    public double WholeListRatio => Large.WholeList.Median / Small.WholeList.Median;
    public double EngineQueryRatio => Large.EngineQuery.Median / Small.EngineQuery.Median;
}

public static class ListScalingBenchmark
{
    public static async Task<ListScalingResult> RunAsync(string root, BenchmarkSizes sizes)
    {
        await using var app = await FreshApp.StartAsync(root);
        // A read by id reads the todo's newest event, so its todos are made by commands: the seeded ones have none.
        var made = new List<Guid>();
        for (var i = 0; i < 20; i++)
            made.Add((await app.Api.CreateAsync(FixtureText.Standard)).Token!.TodoId);
        var seeder = new ReadTableSeeder(app.DynamoDb, app.Tables.Todos);
        await seeder.SeedToAsync(BenchmarkSizes.ListSmall);
        // The engine's and the host's JIT would make the first size look slower: the small size's reads warm both first.
        var small = await MeasureAsync(app, seeder, made, sizes.WarmupRounds, sizes.ListSamples, sizes.ListSamples);
        await seeder.SeedToAsync(sizes.ListLarge);
        var large = await MeasureAsync(app, seeder, made, 1, sizes.ListSamples, sizes.LargeListSamples);
        return new ListScalingResult(small, large);
    }

    private static async Task<ListFigures> MeasureAsync(FreshApp app, ReadTableSeeder seeder, IReadOnlyList<Guid> made, int warmup, int samples, int wholeListSamples)
    {
        var page = new Latencies();
        var get = new Latencies();
        var whole = new Latencies();
        var query = new Latencies();
        var ignored = new Latencies();
        var pageItems = 0;
        var wholeBytes = 0;
        for (var i = 0; i < warmup + samples; i++)
        {
            var measured = i >= warmup;
            var pageAnswer = await (measured ? page : ignored).TimeAsync(() => app.Api.ListAsync($"limit={BenchmarkSizes.ListLimit}"));
            pageItems = Ok(pageAnswer).ItemCount();
            var id = made[Random.Shared.Next(made.Count)];
            Ok(await (measured ? get : ignored).TimeAsync(() => app.Api.GetAsync(id)));
            await (measured ? query : ignored).TimeAsync(() => app.DynamoDb.QueryAsync(PageQuery(app.Tables.Todos)));
            if (i < warmup + wholeListSamples)
                wholeBytes = Ok(await (measured ? whole : ignored).TimeAsync(() => app.Api.ListAsync())).Body.Length;
        }
        return new ListFigures(seeder.Seeded.Count, page, pageItems, get, whole, wholeBytes, query);
    }

    private static QueryRequest PageQuery(string todosTable) => new()
    {
        TableName = todosTable,
        IndexName = TodoTable.ByCreatedAt,
        KeyConditionExpression = "#list = :list",
        ExpressionAttributeNames = new() { ["#list"] = TodoTable.ListId },
        ExpressionAttributeValues = new() { [":list"] = new AttributeValue { S = TodoTable.DefaultList } },
        Limit = BenchmarkSizes.ListLimit,
    };

    private static Api.Answer Ok(Api.Answer answer) =>
        answer.Status == 200 ? answer : throw new InvalidOperationException($"A read answered {answer.Status}.");
}
