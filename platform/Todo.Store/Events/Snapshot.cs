using Todo.Domain;

namespace Todo.Store.Events;

/// <summary>A todo's folded state as of a version of its stream (version 0: no events, <see cref="TodoState.Nonexistent"/>).</summary>
public sealed record Snapshot(TodoState State, long Version)
{
    public static readonly Snapshot Empty = new(TodoState.Initial, 0);
}
