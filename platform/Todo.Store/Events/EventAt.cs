namespace Todo.Store.Events;

/// <summary>One event of a todo's stream with the todo's state right after it.</summary>
public sealed record EventAt(StoredEvent Event, Snapshot State);
