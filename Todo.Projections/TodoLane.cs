using Todo.ReadModel;

namespace Todo.Projections;

/// <summary>One todo's records of a batch, in stream order.</summary>
public sealed class TodoLane(Guid todoId)
{
    private readonly List<LaneEntry> entries = [];

    public Guid TodoId { get; } = todoId;

    public IReadOnlyList<LaneEntry> Entries => entries;

    internal void Add(LaneEntry entry) => entries.Add(entry);

    /// <summary>
    /// Applies the lane in order, each run of directly consecutive events as one conditional write of the state
    /// the run's last event leaves. The write takes an item at any version from the one before the run's first
    /// event up to the run's last; a refused write tells what the item holds: all of the run (a redelivery:
    /// nothing to do), or less than the version before it (a gap: an earlier event has not been applied, so this
    /// one must wait), or the todo is parked.
    /// </summary>
    /// <returns>Where and why the lane stopped, or null when every entry was applied.</returns>
    public async Task<LaneStop?> ApplyAsync(Func<ReadModelChange, CancellationToken, Task<ApplyResult>> write, CancellationToken cancellationToken)
    {
        var next = 0;
        while (next < entries.Count)
        {
            if (entries[next].Change is not { } change)
                return new LaneStop(next, LaneStopKind.Unusable, entries[next].Problem ?? "unreadable");
            var end = next + 1;
            while (end < entries.Count && entries[end].Change is { } following && change.Then(following) is { } both)
            {
                change = both;
                end++;
            }
            var result = await write(change, cancellationToken);
            if (result.Holds(change))
            {
                next = end;
                continue;
            }
            // A parked item may hold the run's first events: the lane stops at the first it does not hold.
            next += (int)Math.Max(0, result.ItemVersion - change.PreviousVersion);
            return result.Parked
                ? new LaneStop(next, LaneStopKind.Parked, $"parked behind an earlier event (read item at version {result.ItemVersion})")
                : new LaneStop(next, LaneStopKind.Gap, $"gap: the read item is at version {result.ItemVersion}, the event follows version {change.PreviousVersion}");
        }
        return null;
    }
}
