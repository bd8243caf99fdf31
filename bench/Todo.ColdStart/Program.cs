using System.Globalization;
using Todo.Stubs;

namespace Todo.ColdStart;

/// <summary>
/// Usage: Todo.ColdStart RUNS AOT_BOOTSTRAP JIT_DLL. Starts each build RUNS times, alternating, untraced
/// and traced (a sampled trace header and a daemon address, so every span is sent), and prints the
/// medians: cold start (process start to first response), warm invocation, peak RSS, and AOT / JIT.
/// </summary>
internal static class Program
{
    private static async Task<int> Main(string[] args)
    {
        if (args is not [var runsText, var aot, var jit] || !int.TryParse(runsText, out var runs) || runs < 1)
        {
            await Console.Error.WriteLineAsync("usage: Todo.ColdStart RUNS AOT_BOOTSTRAP JIT_DLL");
            return 2;
        }
        await using var runtime = await RuntimeApiStub.StartAsync();
        await using var dynamoDb = await DynamoDbStub.StartAsync();
        using var daemon = new DaemonSink();
        var builds = new Dictionary<string, (string[] Command, DaemonSink? Daemon)>
        {
            ["AOT"] = ([aot], null),
            ["JIT"] = (["dotnet", jit], null),
            ["AOT traced"] = ([aot], daemon),
            ["JIT traced"] = (["dotnet", jit], daemon),
        };
        var results = builds.Keys.ToDictionary(k => k, _ => new List<ColdStart>());

        await ColdStart.MeasureAsync(builds["JIT"].Command, runtime, dynamoDb); // warms the disk cache for both
        await ColdStart.MeasureAsync(builds["AOT"].Command, runtime, dynamoDb);
        for (var run = 0; run < runs; run++)
        {
            foreach (var (name, (command, traced)) in builds)
                results[name].Add(await ColdStart.MeasureAsync(command, runtime, dynamoDb, traced));
        }

        Console.WriteLine($"Cold start of get-todo through the Runtime API stub, {runs} runs each, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"build",-10} {"cold median",12} {"cold min",9} {"cold max",9} {"warm median",12} {"peak RSS median",16}");
        foreach (var (name, list) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-10} {Median(list, r => r.ColdMilliseconds),9:F1} ms {list.Min(r => r.ColdMilliseconds),6:F1} ms {list.Max(r => r.ColdMilliseconds),6:F1} ms {Median(list, r => r.WarmMilliseconds),9:F2} ms {Median(list, r => r.PeakRssMegabytes),13:F1} MB"));
        }
        foreach (var suffix in new[] { "", " traced" })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"AOT / JIT cold start{suffix}: {Median(results["AOT" + suffix], r => r.ColdMilliseconds) / Median(results["JIT" + suffix], r => r.ColdMilliseconds):F3}"));
        }
        return 0;
    }

    private static double Median(List<ColdStart> runs, Func<ColdStart, double> value)
    {
        var sorted = runs.Select(value).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
