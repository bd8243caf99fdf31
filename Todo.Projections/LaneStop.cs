namespace Todo.Projections;

/// <summary>Where a lane stopped (the index of its first entry not applied), and why.</summary>
public sealed record LaneStop(int At, LaneStopKind Kind, string Reason);
