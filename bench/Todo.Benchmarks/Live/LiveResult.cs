using Todo.Benchmarks.Engine;

namespace Todo.Benchmarks.Live;

/// <summary>Benchmark 11: the engine's raw rate it is measured against, each load's figures, the fan-out and the held connections.</summary>
public sealed record LiveResult(RawRate Raw, IReadOnlyList<LivePhase> Phases, LiveFanOut FanOut, LiveConnections Connections);
