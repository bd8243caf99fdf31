using Todo.Local;

namespace Todo.Benchmarks;

/// <summary>How big each benchmark runs: the full figures that docs/benchmarks.md records, or the quick mode ./test.sh runs so the code cannot rot.</summary>
public sealed record BenchmarkSizes
{
    /// <summary>The stream reader's cadence when idle, as ./run.sh runs the local host.</summary>
    public static readonly TimeSpan DefaultStreamPollInterval = new LocalOptions { Root = "." }.StreamPollInterval;

    public required string Mode { get; init; }
    /// <summary>Rounds of each request a fresh engine and host get before anything is measured (<see cref="Engine.EngineWarmup"/>).</summary>
    public required int WarmupRounds { get; init; }
    public required int CommandRounds { get; init; }
    /// <summary>The history lengths a PUT is measured at (the first is the baseline), and the rounds at each.</summary>
    public required IReadOnlyList<int> HistoryLengths { get; init; }
    public required int HistoryRounds { get; init; }
    /// <summary>How long the engine's raw conditional-write rate is measured.</summary>
    public required TimeSpan RawRateDuration { get; init; }
    public required TimeSpan LagDuration { get; init; }
    public required IReadOnlyList<TimeSpan> LagPollIntervals { get; init; }
    public required int ListLarge { get; init; }
    public required int ListSamples { get; init; }
    /// <summary>Samples of the whole list at the large size, each of which reads every todo.</summary>
    public required int LargeListSamples { get; init; }
    public required IReadOnlyList<int> Clients { get; init; }
    public required TimeSpan ThroughputDuration { get; init; }
    /// <summary>Whether each number of clients gets a fresh host and engine; the quick mode runs them all on one.</summary>
    public required bool FreshHostPerClientCount { get; init; }
    /// <summary>How long the projection may take to catch up after the load before the differences are counted as they stand.</summary>
    public required TimeSpan ConvergenceTimeout { get; init; }
    /// <summary>Clients POSTing in the projection-throughput benchmark, and for how long.</summary>
    public required IReadOnlyList<int> ProjectionClients { get; init; }
    public required TimeSpan ProjectionDuration { get; init; }
    /// <summary>Events the rebuild benchmark seeds (<see cref="Rebuild.RebuildEventSeeder.EventsPerTodo"/> a todo).</summary>
    public required int RebuildEvents { get; init; }
    /// <summary>Todos the first-page benchmark's host keeps, and how many times the web app is loaded on it.</summary>
    public required int FirstPageTodos { get; init; }
    public required int FirstPageLoads { get; init; }
    /// <summary>How long each run of the abuse benchmark lasts: a whole rate window in full mode.</summary>
    public required TimeSpan AbuseDuration { get; init; }
    /// <summary>Commands of each load of the live benchmark, the engine writers its raw rate is measured with, one-at-a-time changes fanned out, connections held.</summary>
    public required int LiveChanges { get; init; }
    public required int LiveRawConcurrency { get; init; }
    public required int LiveFanOutChanges { get; init; }
    public required int LiveHeldConnections { get; init; }
    /// <summary>BenchmarkDotNet's dry job: one invocation each, which proves the micro-benchmarks run but measures nothing.</summary>
    public required bool MicroDry { get; init; }

    public const int LagRate = 50;
    public const int ListSmall = 100;
    public const int ListLimit = 50;
    /// <summary>How often a lag probe reads the todo with GET: the resolution of the lag figures.</summary>
    public static readonly TimeSpan LagProbeInterval = TimeSpan.FromMilliseconds(5);

    public static readonly BenchmarkSizes Full = new()
    {
        Mode = "full",
        WarmupRounds = 1000,
        CommandRounds = 1000,
        HistoryLengths = [1, 1_000, 10_000],
        HistoryRounds = 200,
        RawRateDuration = TimeSpan.FromSeconds(5),
        LagDuration = TimeSpan.FromSeconds(60),
        LagPollIntervals = [DefaultStreamPollInterval, TimeSpan.FromMilliseconds(10)],
        ListLarge = 100_000,
        ListSamples = 200,
        LargeListSamples = 10,
        Clients = [1, 8, 32],
        ThroughputDuration = TimeSpan.FromSeconds(60),
        FreshHostPerClientCount = true,
        ConvergenceTimeout = TimeSpan.FromMinutes(5),
        ProjectionClients = [1, 8, 16, 32],
        ProjectionDuration = TimeSpan.FromSeconds(20),
        RebuildEvents = 100_000,
        FirstPageTodos = 20_000,
        FirstPageLoads = 11,
        AbuseDuration = TimeSpan.FromSeconds(60),
        LiveChanges = 1_000,
        LiveRawConcurrency = 16,
        LiveFanOutChanges = 20,
        LiveHeldConnections = 1_000,
        MicroDry = false,
    };

    public static readonly BenchmarkSizes Quick = new()
    {
        Mode = "quick",
        WarmupRounds = 10,
        CommandRounds = 30,
        HistoryLengths = [1, 50, 500],
        HistoryRounds = 10,
        RawRateDuration = TimeSpan.FromSeconds(0.5),
        LagDuration = TimeSpan.FromSeconds(2),
        LagPollIntervals = [DefaultStreamPollInterval],
        ListLarge = 1_000,
        ListSamples = 20,
        LargeListSamples = 3,
        Clients = [1, 8, 32],
        ThroughputDuration = TimeSpan.FromSeconds(2),
        FreshHostPerClientCount = false,
        ConvergenceTimeout = TimeSpan.FromSeconds(60),
        ProjectionClients = [1, 8, 16, 32],
        ProjectionDuration = TimeSpan.FromSeconds(1),
        RebuildEvents = 2_000,
        FirstPageTodos = 1_000,
        FirstPageLoads = 2,
        AbuseDuration = TimeSpan.FromSeconds(3),
        LiveChanges = 20,
        LiveRawConcurrency = 16,
        LiveFanOutChanges = 2,
        LiveHeldConnections = 20,
        MicroDry = true,
    };
}
