using Todo.ReadModel;
using Todo.Store.Events;

namespace Todo.Projections;

/// <summary>
/// One record of a todo's lane: its version (from the record's keys), its event and change, or null with the
/// <paramref name="Problem"/> when the record is no event this code can read, or carries no state to apply.
/// </summary>
public sealed record LaneEntry(BatchRecord Record, long? Version, ReadModelChange? Change, StoredEvent? Event = null, string? Problem = null);
