namespace Todo.Projections;

/// <summary>One change to push: where its record stands in the batch, its list, todo and version, and the message, as sent.</summary>
public sealed record LiveChange(BatchRecord Record, string ListId, Guid TodoId, long Version, byte[] Message);
