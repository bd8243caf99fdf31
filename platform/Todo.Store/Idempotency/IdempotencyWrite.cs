namespace Todo.Store.Idempotency;

/// <summary>A record to write with a command's effect, and the table it goes to.</summary>
public sealed record IdempotencyWrite(string TableName, IdempotencyRecord Record);
