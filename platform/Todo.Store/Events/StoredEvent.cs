using Todo.Domain.Events;

namespace Todo.Store.Events;

/// <summary>One event as the events table holds it: the todo's stream position, where it came from, and whose todo it is.</summary>
/// <param name="TraceHeader">The X-Ray trace header of the command that appended it, whose trace the projection joins; null when it had none.</param>
/// <param name="Owner">The todo's owner, on every event of its stream (null for the shared list), so each one can be placed in its owner's list.</param>
public sealed record StoredEvent(Guid TodoId, long Version, TodoEvent Event, DateTimeOffset OccurredAt, string CommandId, string? TraceHeader = null, string? Owner = null);
