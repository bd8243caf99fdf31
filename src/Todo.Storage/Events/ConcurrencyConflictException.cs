namespace Todo.Storage.Events;

/// <summary>Another writer appended to the stream first: the version this append expected is taken.</summary>
public sealed class ConcurrencyConflictException(Guid todoId, long expectedVersion)
    : Exception($"Todo {todoId} has moved past version {expectedVersion}.")
{
    public Guid TodoId { get; } = todoId;
    public long ExpectedVersion { get; } = expectedVersion;
}
