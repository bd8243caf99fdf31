using Todo.Domain;
using Todo.Domain.Events;

namespace Todo.Store.Events;

/// <summary>An event to append, with the state its todo is in after it: what the store keeps as the snapshot at its version.</summary>
public sealed record FoldedEvent(StoredEvent Stored, TodoState StateAfter)
{
    /// <summary>
    /// The events decided on <paramref name="current"/>, at the versions after it, each with its state: the one
    /// fold of a command's events. Every event carries the todo's owner, which its creation sets and nothing changes.
    /// </summary>
    /// <param name="traceHeader">The command's trace header, kept with each event for the projection's trace.</param>
    public static List<FoldedEvent> Following(
        Snapshot current, IReadOnlyList<TodoEvent> events, Guid todoId, string commandId, string? traceHeader, DateTimeOffset now)
    {
        var folded = new List<FoldedEvent>(events.Count);
        var state = current.State;
        foreach (var @event in events)
        {
            state = TodoDecider.Evolve(state, @event);
            folded.Add(new FoldedEvent(new StoredEvent(todoId, current.Version + 1 + folded.Count, @event, now, commandId, traceHeader, state.Owner), state));
        }
        return folded;
    }
}
