using System.Collections.Concurrent;
using Todo.Harness.Live;

namespace Todo.Benchmarks.Live;

/// <summary>
/// The change messages one connection received. A version counts as delivered by the first message at it or after it:
/// the projector writes a run of one todo's events as one write, so the read table's stream, and the push, may carry only
/// the run's newest version.
/// </summary>
public sealed class Arrivals
{
    private readonly ConcurrentDictionary<Guid, ConcurrentQueue<LiveChange>> received = new();

    public void Add(LiveChange change) => received.GetOrAdd(change.Id, _ => new ConcurrentQueue<LiveChange>()).Enqueue(change);

    /// <returns>When the todo's change at <paramref name="version"/> or later first arrived (Stopwatch ticks); null if none has.</returns>
    public long? At(Guid id, long version) =>
        received.TryGetValue(id, out var changes) && changes.Where(c => c.Version >= version).Select(c => (long?)c.ReceivedAt).Min() is { } at ? at : null;
}
