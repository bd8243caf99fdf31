namespace Todo.Projections;

/// <summary>
/// What one event does to its todo's read item. It applies only on top of <see cref="Version"/> − 1,
/// which makes the projection idempotent and keeps it in order per todo.
/// </summary>
public sealed record ReadModelChange(Guid TodoId, long Version)
{
    public string? Text { get; init; }
    public bool? Completed { get; init; }
    /// <summary>Set by the first event only: it puts the todo into the list's index.</summary>
    public DateTimeOffset? CreatedAt { get; init; }
    /// <summary>Takes the todo out of the list and leaves a tombstone holding the version.</summary>
    public bool Deleted { get; init; }
}
