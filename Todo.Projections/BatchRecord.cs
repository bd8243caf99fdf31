namespace Todo.Projections;

/// <summary>A record of the batch: where it stands in it, the sequence number that identifies it to Lambda, its eventID, and when it entered the stream.</summary>
public sealed record BatchRecord(int Position, string? SequenceNumber, string? EventId = null, DateTimeOffset? ArrivedAt = null);
