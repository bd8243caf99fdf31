using System.Globalization;
using Todo.Stubs;

namespace Todo.ColdStart;

/// <summary>
/// Usage: Todo.ColdStart RUNS AOT_BOOTSTRAP JIT_DLL. Starts each build RUNS times, alternating, and prints
/// the medians: cold start (process start to first response), warm invocation, peak RSS, and AOT / JIT.
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
        var builds = new Dictionary<string, string[]> { ["AOT"] = [aot], ["JIT"] = ["dotnet", jit] };
        var results = builds.Keys.ToDictionary(k => k, _ => new List<ColdStart>());

        await ColdStart.MeasureAsync(builds["JIT"], runtime, dynamoDb); // warms the disk cache for both
        await ColdStart.MeasureAsync(builds["AOT"], runtime, dynamoDb);
        for (var run = 0; run < runs; run++)
        {
            foreach (var (name, command) in builds)
                results[name].Add(await ColdStart.MeasureAsync(command, runtime, dynamoDb));
        }

        Console.WriteLine($"Cold start of get-todo through the Runtime API stub, {runs} runs each, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"build",-5} {"cold median",12} {"cold min",9} {"cold max",9} {"warm median",12} {"peak RSS median",16}");
        foreach (var (name, list) in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-5} {Median(list, r => r.ColdMilliseconds),9:F1} ms {list.Min(r => r.ColdMilliseconds),6:F1} ms {list.Max(r => r.ColdMilliseconds),6:F1} ms {Median(list, r => r.WarmMilliseconds),9:F2} ms {Median(list, r => r.PeakRssMegabytes),13:F1} MB"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"AOT / JIT cold start: {Median(results["AOT"], r => r.ColdMilliseconds) / Median(results["JIT"], r => r.ColdMilliseconds):F3}"));
        return 0;
    }

    private static double Median(List<ColdStart> runs, Func<ColdStart, double> value)
    {
        var sorted = runs.Select(value).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
