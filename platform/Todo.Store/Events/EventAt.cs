namespace Todo.Store.Events;

/// <summary>
/// When one event of a todo's stream occurred, whose todo it is, and the todo's state (and version) right after it; the
/// event itself is not decoded, so one this code does not know stands in the way of no read.
/// </summary>
public sealed record EventAt(DateTimeOffset OccurredAt, string? Owner, Snapshot State);
