using Todo.ReadModel;
using Todo.Store.Parked;
using Todo.Store.ReadTable;

namespace Todo.Projections;

/// <summary>
/// Per-todo quarantine: a todo whose event the projector cannot apply (one it cannot read or project, or a
/// gap older than <see cref="GapTimeout"/>) is parked. That event and every later one of the todo in the
/// batch are recorded in order in the parked table, and its read item is marked stale, so the batch can
/// report them as done and the shard keeps flowing for every other todo. Later events of a parked todo
/// find the mark and park behind it. The events stay in the events table, where a redrive reads them.
/// </summary>
public sealed class Quarantine(ParkedStore parked, ReadModelWriter writer, TimeSpan gapTimeout, TimeProvider clock)
{
    /// <summary>How long an event may wait for its predecessor before its todo is parked.</summary>
    public const string GapTimeoutVariable = "PARK_GAP_AFTER_SECONDS";

    public static readonly TimeSpan DefaultGapTimeout = TimeSpan.FromMinutes(5);

    public TimeSpan GapTimeout => gapTimeout;

    /// <summary>
    /// Whether the lane's stop is parked: always for an unusable record or a parked todo, for a gap once the
    /// waiting record is older than the timeout (a gap younger than that may heal: it is retried, as before).
    /// </summary>
    /// <returns>True when the entries from the stop on are parked and must not be reported as failures.</returns>
    public async Task<bool> TryParkAsync(TodoLane lane, LaneStop stop, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (stop.Kind == LaneStopKind.Gap && !(lane.Entries[stop.At].Record.ArrivedAt is { } arrived && now - arrived >= gapTimeout))
            return false;
        var entries = lane.Entries.Skip(stop.At).ToList();
        // A record without a version cannot be placed in the todo's order: it stays a failure, as an unplaced one does.
        if (entries.Any(e => e.Version is null))
            return false;
        var reason = stop.Kind == LaneStopKind.Gap
            ? $"{stop.Reason}, for {(now - lane.Entries[stop.At].Record.ArrivedAt!.Value).TotalSeconds:F0} s"
            : stop.Reason;
        await parked.ParkAsync(
            entries.Select((e, i) => new ParkedEvent(lane.TodoId, e.Version!.Value,
                i == 0 ? reason : $"parked behind version {entries[0].Version}", now, e.Record.SequenceNumber)),
            cancellationToken);
        // After the events are recorded: a crash between the two parks them again on redelivery, and then marks.
        // The todo's list is its owner's, which every event it could read names; the shared list if none could be read.
        var listId = lane.Entries.Select(e => e.Change?.ListId).FirstOrDefault(l => l is not null) ?? TodoTable.DefaultList;
        await writer.MarkParkedAsync(listId, lane.TodoId, now, cancellationToken);
        return true;
    }
}
