using Todo.Benchmarks.Engine;
using Todo.Benchmarks.Measuring;
using Todo.Store.Events;
using Todo.Harness.Seeding;

namespace Todo.Benchmarks.CommandCost;

/// <summary>Benchmark 1: what a command costs next to the one conditional write it needs, on the same engine in the same run.</summary>
/// <param name="RawQuery">The consistent Query for a todo's newest event that a cold update makes before it writes, sent straight to the engine.</param>
/// <param name="Put">A PUT on a todo the update function's instance holds (its second PUT of the todo): the write alone.</param>
/// <param name="ColdPut">The instance's first PUT of the todo: the bounded read, then the write.</param>
/// <param name="Get">A GET of one todo, by id.</param>
public sealed record CommandCostResult(
    Latencies RawPut, Latencies RawQuery, Latencies Post, Latencies Put, Latencies ColdPut, Latencies Get, RawRate EngineRate,
    IReadOnlyList<CommandRequests> Requests, HistoryCostResult History)
{
    public double PostRatio => Post.Median / RawPut.Median;
    public double PutRatio => Put.Median / RawPut.Median;
    public double ColdPutRatio => ColdPut.Median / RawPut.Median;
    public double GetRatio => Get.Median / RawPut.Median;

    /// <summary>A cold PUT over the two requests it cannot do without: what the function and the host add to them.</summary>
    public double ColdPutOverItsRequests => ColdPut.Median / (RawQuery.Median + RawPut.Median);
}

public static class CommandCostBenchmark
{
    public static async Task<CommandCostResult> RunAsync(string root, BenchmarkSizes sizes, Action<string> progress)
    {
        await using var app = await FreshApp.StartAsync(root);
        var raw = new RawWrites(app.DynamoDb, app.Tables.Events);
        await EngineWarmup.RunAsync(app.Api, raw, sizes.WarmupRounds);
        var rate = await raw.RateAsync(1, sizes.RawRateDuration);
        var requests = await CommandRequestCount.CountAsync(app);

        var rawPut = new Latencies();
        var rawQuery = new Latencies();
        var events = new EventStore(app.DynamoDb, app.Tables.Events);
        var post = new Latencies();
        var coldPut = new Latencies();
        var put = new Latencies();
        var get = new Latencies();
        // A todo the projection has applied: then a GET reads the same todo whichever table serves it.
        var read = Succeeded(await app.Api.CreateAsync(FixtureText.Standard), "POST").Token!.TodoId;
        while ((await app.Api.GetAsync(read)).Status != 200)
            await Task.Delay(10);
        for (var round = 0; round < sizes.CommandRounds; round++)
        {
            // Interleaved, so drift on a shared machine falls on all five alike.
            await rawPut.TimeAsync(raw.PutAsync);
            var created = await post.TimeAsync(() => app.Api.CreateAsync(FixtureText.Standard));
            var id = Succeeded(created, "POST").Token!.TodoId;
            await rawQuery.TimeAsync(() => events.ReadSnapshotAsync(id, CancellationToken.None));
            Succeeded(await coldPut.TimeAsync(() => app.Api.UpdateAsync(id, null, completed: true)), "PUT");
            Succeeded(await put.TimeAsync(() => app.Api.UpdateAsync(id, null, completed: false)), "PUT");
            Succeeded(await get.TimeAsync(() => app.Api.GetAsync(read)), "GET");
        }
        var history = await HistoryCostBenchmark.RunAsync(app, sizes, progress);
        return new CommandCostResult(rawPut, rawQuery, post, put, coldPut, get, rate, requests, history);
    }

    private static Api.Answer Succeeded(Api.Answer answer, string what) =>
        answer.IsSuccess ? answer : throw new InvalidOperationException($"{what} answered {answer.Status}.");
}
