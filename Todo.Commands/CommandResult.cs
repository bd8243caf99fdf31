using Todo.Store.Idempotency;

namespace Todo.Commands;

/// <summary>How a command request ended.</summary>
public abstract record CommandResult
{
    /// <summary>How many of its appends lost to another writer (or to a stale cache) before it ended.</summary>
    public int ConflictRetries { get; init; }

    /// <summary>Decided and, if accepted, appended.</summary>
    public sealed record Executed(CommandOutcome Outcome) : CommandResult;

    /// <summary>The same request was carried out before: its kept answer.</summary>
    public sealed record Replayed(IdempotencyRecord Record) : CommandResult;

    /// <summary>The idempotency key was used before for a different request.</summary>
    public sealed record KeyReused : CommandResult;

    /// <summary>The todo is not at the version the request expected (If-Match).</summary>
    public sealed record PreconditionFailed(long CurrentVersion) : CommandResult;

    /// <summary>Other writers kept winning for longer than the retries allow.</summary>
    public sealed record Contended : CommandResult;
}
