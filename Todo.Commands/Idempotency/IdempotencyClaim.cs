namespace Todo.Commands.Idempotency;

/// <summary>A request's claim to be carried out once: the record it is kept under and the hash of what it asked.</summary>
public sealed record IdempotencyClaim(string RecordId, string Validation);
