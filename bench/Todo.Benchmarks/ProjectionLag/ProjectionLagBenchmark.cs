using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Benchmarks.Api;
using Todo.Store.ReadTable;
using Todo.Benchmarks.Engine;
using Todo.Benchmarks.Measuring;
using Todo.Harness.Seeding;

namespace Todo.Benchmarks.ProjectionLag;

/// <summary>
/// Benchmark 2: how long after a command's 2xx its change is in the read table, which the list reads, at a steady rate
/// (a read by id reads the events, so it never waits for the projection).
/// </summary>
/// <param name="Reads">The reads the probes sent, which load the same engine.</param>
public sealed record ProjectionLagResult(TimeSpan StreamPollInterval, int Commands, double Rate, Latencies Lag, int Failed, int NeverVisible, int Reads);

public static class ProjectionLagBenchmark
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(10);

    public static async Task<ProjectionLagResult> RunAsync(string root, BenchmarkSizes sizes, TimeSpan streamPollInterval)
    {
        await using var app = await FreshApp.StartAsync(root, streamPollInterval);
        await EngineWarmup.RunAsync(app.Api, new RawWrites(app.DynamoDb, app.Tables.Events), sizes.WarmupRounds);
        var lag = new Latencies();
        var created = new List<Guid>();
        var failed = 0;
        var neverVisible = 0;
        var reads = 0;

        // Half creates, half text changes of earlier todos: every command appends an event, so every one has something to show.
        async Task CommandAsync(int k)
        {
            Guid? target = null;
            lock (created)
                if (k % 2 == 1 && created.Count > 0)
                    target = created[Random.Shared.Next(created.Count)];
            var answer = target is { } id
                ? await app.Api.UpdateAsync(id, $"{FixtureText.Standard} #{k}", null)
                : await app.Api.CreateAsync(FixtureText.Standard);
            if (!answer.IsSuccess)
            {
                Interlocked.Increment(ref failed);
                return;
            }
            if (target is null)
                lock (created)
                    created.Add(answer.Token!.TodoId);
            if (await VisibleAfterAsync(app.DynamoDb, app.Tables.Todos, answer, () => Interlocked.Increment(ref reads)) is { } elapsed)
                lag.Add(elapsed.TotalMilliseconds);
            else
                Interlocked.Increment(ref neverVisible);
        }

        var count = (int)(sizes.LagDuration.TotalSeconds * BenchmarkSizes.LagRate);
        var rate = await OpenLoop.RunAsync(count, BenchmarkSizes.LagRate, CommandAsync);
        return new ProjectionLagResult(app.StreamPollInterval, count, rate, lag, failed, neverVisible, reads);
    }

    /// <returns>From the command's answer to the first read of its read item at its version; null if none was in time.</returns>
    internal static async Task<TimeSpan?> VisibleAfterAsync(IAmazonDynamoDB dynamoDb, string todosTable, Answer command, Action counted)
    {
        var answered = Stopwatch.GetTimestamp();
        var token = command.Token!;
        while (Stopwatch.GetElapsedTime(answered) < GiveUp)
        {
            var read = await dynamoDb.GetItemAsync(new GetItemRequest { TableName = todosTable, Key = TodoTable.Key(TodoTable.DefaultList, token.TodoId) });
            counted();
            if (read.Item is { Count: > 0 } item && TodoTable.VersionOf(item) >= token.Version)
                return Stopwatch.GetElapsedTime(answered);
            // Past 50 ms a tenth of the wait is finer than the figures need, and probes of a backlog must not swamp the engine.
            await Task.Delay(TimeSpan.FromTicks(Math.Max(BenchmarkSizes.LagProbeInterval.Ticks, Stopwatch.GetElapsedTime(answered).Ticks / 10)));
        }
        return null;
    }
}
