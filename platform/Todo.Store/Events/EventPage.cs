namespace Todo.Store.Events;

/// <summary>
/// A page of a todo's events, oldest first, and the version to read on after: null once the page reached
/// the end of the stream (a page that stopped at its limit may be followed by an empty one).
/// </summary>
public sealed record EventPage(IReadOnlyList<StoredEvent> Events, long? ContinueAfter);
