using System.Diagnostics;
using System.Text.Json;
using Todo.Tests.Support;
using Xunit.Abstractions;

namespace Todo.Tests.Benchmarks;

/// <summary>Runs alone, after the parallel tests: its load would slow theirs, and theirs would skew its figures.</summary>
[CollectionDefinition(nameof(QuickBenchmarks), DisableParallelization = true)]
public sealed class QuickBenchmarks;

/// <summary>
/// Every benchmark ./bench.sh runs, in its quick mode, so the benchmark code cannot rot: built and run as
/// ./bench.sh runs it, a process of its own, whose figures are read from the JSON it writes. It checks that
/// each figure is produced and sane, and what must hold whatever the speed (no 5xx, the read model
/// equal to the fold of the events); it is not a timed test.
/// </summary>
[Slow]
[Collection(nameof(QuickBenchmarks))]
public sealed class QuickBenchmarkTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>The list-scaling benchmark's small list, in todos (BenchmarkSizes.ListSmall).</summary>
    private const int SmallList = 100;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(20);

    private static string Benchmarks => Path.Combine(Repository.Root, "bench", "Todo.Benchmarks");

    private readonly string folder = Directory.CreateTempSubdirectory("todo-quick-bench-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Every_benchmark_runs_in_quick_mode_with_sane_figures()
    {
        var json = Path.Combine(folder, "figures.json");
        await RunAsync("build", Benchmarks, "-c", "Release", "-nologo", "-v", "q", "-clp:ErrorsOnly");
        await RunAsync(Path.Combine(Benchmarks, "bin", "Release", "net10.0", "Todo.Benchmarks.dll"), "--quick", "--json", json);
        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var results = new Figures(document.RootElement);
        var sizes = results["sizes"];
        Assert.Equal("quick", sizes["mode"].Json.GetString());

        var cost = results["commandCost"];
        Assert.All(new[] { cost["rawPut"], cost["post"], cost["put"], cost["coldPut"], cost["get"] }, l => Assert.Equal(sizes["commandRounds"].Int, l["count"].Int));
        Assert.True(cost["rawPut"]["median"].Number > 0 && cost["engineRate"]["perSecond"].Number > 0);
        // create, update cold, update warm, update two fields warm, read one, delete cold.
        Assert.Equal([1, 2, 1, 1, 1, 2], cost["requests"].Items.Select(r => r["requests"].Items.Count));
        var history = cost["history"]["lengths"].Items;
        Assert.Equal(sizes["historyLengths"].Ints, history.Select(l => l["priorEvents"].Int));
        Assert.All(history, l =>
        {
            Assert.All(new[] { l["cold"], l["warm"], l["rawNewest"] }, latencies => Assert.Equal(sizes["historyRounds"].Int, latencies["count"].Int));
            Assert.InRange(l["mostPriorEvents"].Int, l["priorEvents"].Int, l["priorEvents"].Int * 1.1 + 2);
        });

        var lag = Assert.Single(results["projectionLag"].Items);
        Assert.Equal((0, 0), (lag["failed"].Int, lag["neverVisible"].Int));
        Assert.Equal(lag["commands"].Int, lag["lag"]["count"].Int);

        var list = results["listScaling"];
        Assert.Equal((SmallList, sizes["listLarge"].Int), (list["small"]["todos"].Int, list["large"]["todos"].Int));
        Assert.All(new[] { list["small"], list["large"] }, figures => Assert.True(figures["getById"]["median"].Number > 0 && figures["wholeListBytes"].Int > 0));

        Assert.Equal(sizes["clients"].Ints, results["throughput"].Items.Select(t => t["clients"].Int));
        Assert.All(results["throughput"].Items, run =>
        {
            Assert.True(run["outcomes"]["succeeded"].Int > 0);
            Assert.Equal((0, 0), (run["outcomes"]["serverErrors"].Int, run["outcomes"]["unanswered"].Int));
            Assert.Equal(0, run["differences"].Int);
            Assert.True(run["todos"].Int > 0 && run["hostPeakRssMegabytes"].Number > 0 && run["enginePeakRssMegabytes"].Number > 0);
        });

        Assert.Equal(sizes["projectionClients"].Ints, results["projectionThroughput"].Items.Select(p => p["clients"].Int));
        Assert.All(results["projectionThroughput"].Items, run =>
        {
            Assert.True(run["acknowledged"].Int > 0 && run["commandsPerSecond"].Number > 0 && run["projectionsPerSecond"].Number > 0);
            Assert.Equal((0, 0), (run["failed"].Int, run["missing"].Int));
            Assert.True(run["lag"]["count"].Int > 0);
        });

        var rebuild = results["rebuild"];
        var answer = rebuild["rebuild"];
        Assert.Equal(sizes["rebuildEvents"].Int, answer["events"].Int);
        // todoctl rebuilt every todo seeded, and its verify found each as the fold of its events.
        Assert.Equal(rebuild["todos"].Int, answer["todos"].Int);
        Assert.Equal((rebuild["todos"].Int, 0), (answer["checked"].Int, answer["differences"].Int));
        Assert.True(rebuild["rawScans"]["best"].Time > TimeSpan.Zero && rebuild["rawWrites"]["best"].Time > TimeSpan.Zero);
        Assert.True(answer["copied"].Time < answer["elapsed"].Time && answer["elapsed"].Time < rebuild["process"].Time);

        var firstPage = results["firstPage"];
        Assert.Equal((sizes["firstPageTodos"].Int, sizes["firstPageLoads"].Int - 1), (firstPage["todos"].Int, firstPage["later"].Items.Count));
        // Each load showed its first rows once the first list request had answered, never from nothing.
        Assert.All(firstPage["later"].Items.Prepend(firstPage["afterStart"]), l =>
            Assert.True(l["listStart"].Number > 0 && l["listEnd"].Number > l["listStart"].Number && l["at"].Number > l["listEnd"].Number && l["fetched"].Int >= 1, $"{l}"));

        var abuse = results["abuse"];
        Assert.Equal(["none", "anonymous address", "signed-in user"], abuse["runs"].Items.Select(r => r["abuser"].Json.GetString()));
        Assert.All(abuse["runs"].Items, run =>
        {
            Assert.True(run["normalRequests"].Int > 0 && run["normal"]["count"].Int == run["normalRequests"].Int, $"{run}");
            Assert.Equal((0, 0), (run["normalTooMany"].Int, run["normalFailed"].Int));
        });
        Assert.All(abuse["runs"].Items.Skip(1), run => Assert.True(run["abuserRequests"].Int > 0, $"{run}"));

        var live = results["live"];
        Assert.True(live["raw"]["perSecond"].Number > 0, $"{live}");
        Assert.Equal(["light", "30% of raw", "50% of raw", "70% of raw"], live["phases"].Items.Select(p => p["name"].Json.GetString()));
        Assert.All(live["phases"].Items, phase =>
        {
            Assert.Equal((0, 0), (phase["failed"].Int, phase["missed"].Int));
            Assert.Equal(phase["commands"].Int, phase["push"]["count"].Int);
            Assert.True(phase["projection"]["count"].Int > 0, $"{phase}");
        });
        Assert.Equal((0, sizes["liveFanOutChanges"].Int), (live["fanOut"]["missed"].Int, live["fanOut"]["last"]["count"].Int));
        Assert.Equal(sizes["liveHeldConnections"].Int, live["connections"]["stillOpen"].Int);

        Assert.Equal(9, results["micro"].Items.Count);
        Assert.All(results["micro"].Items, m => Assert.True(m["medianNanoseconds"].Number > 0));
    }

    /// <summary>Runs <c>dotnet</c> from the repository root, as ./bench.sh does, its output into the test's.</summary>
    private async Task RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Repository.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} ran longer than {Patience}.");
        }
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} exited with {process.ExitCode}.");
    }

    private void Write(string? line)
    {
        if (line is not null)
            output.WriteLine(line);
    }
}
