namespace Todo.Projections;

public enum ApplyResult
{
    Applied,
    /// <summary>A redelivered or older event: the item is already at or past its version.</summary>
    AlreadyApplied,
    /// <summary>The event before this one has not been applied yet; the record must be retried.</summary>
    OutOfOrder,
}
