using Todo.Domain.Events;

namespace Todo.Store.Events;

/// <summary>A todo's events in order, and the version of the last one (0 for an empty stream).</summary>
public sealed record EventStream(IReadOnlyList<StoredEvent> Events)
{
    public long Version => Events.Count == 0 ? 0 : Events[^1].Version;

    public IEnumerable<TodoEvent> DomainEvents => Events.Select(e => e.Event);
}
