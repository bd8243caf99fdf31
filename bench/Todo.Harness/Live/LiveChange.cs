namespace Todo.Harness.Live;

/// <summary>A change message as a live connection received it, and when (<see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
public sealed record LiveChange(Guid Id, long Version, bool Deleted, long ReceivedAt);
