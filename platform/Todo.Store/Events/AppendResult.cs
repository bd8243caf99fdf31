using Todo.Store.Idempotency;

namespace Todo.Store.Events;

/// <summary>What an append came to.</summary>
public abstract record AppendResult
{
    /// <summary>Every event and the record were written; the caller already holds what they were.</summary>
    public sealed record Appended : AppendResult;

    /// <summary>
    /// Another writer took the version first. <see cref="Winner"/> is the snapshot the item it wrote there
    /// holds, returned by the failed condition, so catching up to it costs no read; null when DynamoDB did
    /// not say or the item holds no snapshot.
    /// </summary>
    public sealed record Conflict(Snapshot? Winner) : AppendResult;

    /// <summary>The request's idempotency record already exists: the request was already carried out.</summary>
    public sealed record Duplicate(IdempotencyRecord Existing) : AppendResult;
}
