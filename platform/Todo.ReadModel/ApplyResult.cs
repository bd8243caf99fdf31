namespace Todo.ReadModel;

/// <summary>What one conditional write of a <see cref="ReadModelChange"/> found.</summary>
/// <param name="Written">Whether the item was at the change's previous version or later but before its own, so the change is now applied.</param>
/// <param name="ItemVersion">The version the item is at now: the change's when written, else the one it already had (0 for no item).</param>
/// <param name="Parked">Whether the write was refused because the todo is parked.</param>
public readonly record struct ApplyResult(bool Written, long ItemVersion, bool Parked = false)
{
    /// <summary>Whether every event of the change is in the item: just written, or applied before (a redelivery).</summary>
    public bool Holds(ReadModelChange change) => Written || ItemVersion >= change.Version;
}
