namespace Todo.Store.Events;

/// <summary>
/// Where one event of a todo's stream stands (its version, when it occurred, whose todo it is) and the todo's state
/// right after it; the event itself is not decoded, so one this code does not know stands in the way of no read.
/// </summary>
public sealed record EventAt(long Version, DateTimeOffset OccurredAt, string? Owner, Snapshot State);
