using Todo.Benchmarks.Measuring;

namespace Todo.Benchmarks.Live;

/// <summary>
/// One steady load: commands at <see cref="Rate"/> a second, each change's arrival in another client's socket after the
/// command's 2xx (<see cref="Push"/>), and a sample of the projection's lag (2xx → readable in the read table).
/// </summary>
/// <param name="ShareOfRaw">The load as a share of the engine's raw write rate; null for the light load.</param>
/// <param name="Missed">Changes acknowledged whose push never came (in 10 s).</param>
/// <param name="BeforeAnswer">Pushes that came before their command's answer did (counted as 0 ms).</param>
public sealed record LivePhase(string Name, double? ShareOfRaw, double Rate, int Commands, int Failed, Latencies Push, int Missed, int BeforeAnswer,
    Latencies Projection, int NeverVisible);
