using Todo.Domain.Events;

namespace Todo.Domain;

/// <summary>The outcome of deciding a command: the events to append, or why none may be.</summary>
public abstract record Decision
{
    /// <summary>The command holds; the events may be empty when it changes nothing.</summary>
    public sealed record Accepted(IReadOnlyList<TodoEvent> Events) : Decision;

    public sealed record NotFound : Decision;

    /// <summary>A create for an id whose stream already has events.</summary>
    public sealed record AlreadyExists : Decision;
}
