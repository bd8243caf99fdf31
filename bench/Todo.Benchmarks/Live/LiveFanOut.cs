using Todo.Benchmarks.Measuring;

namespace Todo.Benchmarks.Live;

/// <summary>One change's arrival in each of <see cref="Connections"/> sockets of one list: the last socket's time after the 2xx, per change.</summary>
public sealed record LiveFanOut(int Connections, int Changes, Latencies Last, int Missed);
