using Todo.Store.Events;
using Todo.Store.ReadTable;

namespace Todo.ReadModel;

/// <summary>
/// What one event, or a run of consecutive events of one todo, does to its todo's read item: it leaves the
/// state the run's newest event item carries (<see cref="After"/>). It applies only where the item holds
/// <see cref="PreviousVersion"/>, the version before the run's first event, or a later one before
/// <see cref="Version"/>: never over a gap and never backwards, which makes the projection idempotent and keeps
/// it in order per todo.
/// </summary>
public sealed record ReadModelChange(Guid TodoId, long PreviousVersion, Snapshot After)
{
    /// <summary>The change of one event: the state its item carries, on top of the version before it.</summary>
    public static ReadModelChange Of(Guid todoId, Snapshot after) => new(todoId, after.Version - 1, after);

    public long Version => After.Version;

    /// <summary>The list partition the todo is in: its owner's.</summary>
    public string ListId => TodoTable.ListOf(After.State.Owner);

    /// <summary>
    /// This change then <paramref name="next"/> as one, which leaves the read item as applying the two one after
    /// the other would; null when <paramref name="next"/> does not directly follow this one in the same item.
    /// </summary>
    public ReadModelChange? Then(ReadModelChange next) =>
        next.TodoId == TodoId && next.ListId == ListId && next.PreviousVersion == Version ? this with { After = next.After } : null;
}
