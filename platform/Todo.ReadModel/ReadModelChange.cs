using Todo.Store.ReadTable;

namespace Todo.ReadModel;

/// <summary>
/// What one event, or a run of consecutive events of one todo, does to its todo's read item. It
/// applies only on top of <see cref="PreviousVersion"/>, the version before its first event, which
/// makes the projection idempotent and keeps it in order per todo.
/// </summary>
public sealed record ReadModelChange(Guid TodoId, long Version)
{
    /// <summary>The list partition the todo is in: its owner's.</summary>
    public string ListId { get; init; } = TodoTable.DefaultList;

    public string? Text { get; init; }
    public bool? Completed { get; init; }
    /// <summary>Set by the first event only: it puts the todo into the list's index (unless the change also deletes it).</summary>
    public DateTimeOffset? CreatedAt { get; init; }
    /// <summary>Takes the todo out of the list and leaves a tombstone holding the version.</summary>
    public bool Deleted { get; init; }
    /// <summary>How many consecutive events, ending at <see cref="Version"/>, the change stands for.</summary>
    public int Events { get; init; } = 1;

    /// <summary>The version the item must be at for the change to apply; 0 for a todo without a read item.</summary>
    public long PreviousVersion => Version - Events;
}
