namespace Todo.Store.Parked;

/// <summary>
/// An event the projector set aside for its todo: the event itself stays in the events table (the source of
/// truth), this records which one, why, and the stream record it came in.
/// </summary>
public sealed record ParkedEvent(Guid TodoId, long Version, string Reason, DateTimeOffset ParkedAt, string? SequenceNumber);
