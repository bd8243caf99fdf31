using Todo.Benchmarks.Engine;
using Todo.Benchmarks.Measuring;
using Todo.Adapters.Events;

namespace Todo.Benchmarks.CommandCost;

/// <summary>Benchmark 1: what a command costs next to the one conditional write it needs, on the same engine in the same run.</summary>
/// <param name="RawQuery">The consistent Query of one todo's events that an update makes before it writes, sent straight to the engine.</param>
public sealed record CommandCostResult(Latencies RawPut, Latencies RawQuery, Latencies Post, Latencies Put, RawRate EngineRate, IReadOnlyList<CommandRequests> Requests)
{
    public double PostRatio => Post.Median / RawPut.Median;
    public double PutRatio => Put.Median / RawPut.Median;

    /// <summary>A PUT over the two requests it cannot do without: what the function and the host add to them.</summary>
    public double PutOverItsRequests => Put.Median / (RawQuery.Median + RawPut.Median);
}

public static class CommandCostBenchmark
{
    public static async Task<CommandCostResult> RunAsync(string root, BenchmarkSizes sizes)
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
        var put = new Latencies();
        for (var round = 0; round < sizes.CommandRounds; round++)
        {
            // Interleaved, so drift on a shared machine falls on all four alike.
            await rawPut.TimeAsync(raw.PutAsync);
            var created = await post.TimeAsync(() => app.Api.CreateAsync(RawWrites.Text));
            var id = Succeeded(created, "POST").Token!.TodoId;
            await rawQuery.TimeAsync(() => events.ReadAsync(id, CancellationToken.None));
            Succeeded(await put.TimeAsync(() => app.Api.UpdateAsync(id, null, completed: true)), "PUT");
        }
        return new CommandCostResult(rawPut, rawQuery, post, put, rate, requests);
    }

    private static Api.Answer Succeeded(Api.Answer answer, string what) =>
        answer.IsSuccess ? answer : throw new InvalidOperationException($"{what} answered {answer.Status}.");
}
