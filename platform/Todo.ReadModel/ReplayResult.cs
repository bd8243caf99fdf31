namespace Todo.ReadModel;

/// <summary>What a replay came to: the version the item was rewritten at, the parked events it cleared, and whether the todo is still parked.</summary>
public sealed record ReplayResult(Guid TodoId, long Version, bool Written, int ParkedRemoved, bool StillParked);
