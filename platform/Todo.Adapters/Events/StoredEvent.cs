using Todo.Domain.Events;

namespace Todo.Adapters.Events;

/// <summary>One event as the events table holds it: the todo's stream position and where it came from.</summary>
public sealed record StoredEvent(Guid TodoId, long Version, TodoEvent Event, DateTimeOffset OccurredAt, string CommandId);
