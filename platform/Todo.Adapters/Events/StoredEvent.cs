using Todo.Domain.Events;

namespace Todo.Adapters.Events;

/// <summary>One event as the events table holds it: the todo's stream position and where it came from.</summary>
/// <param name="TraceHeader">The X-Ray trace header of the command that appended it, whose trace the projection joins; null when it had none.</param>
public sealed record StoredEvent(Guid TodoId, long Version, TodoEvent Event, DateTimeOffset OccurredAt, string CommandId, string? TraceHeader = null);
