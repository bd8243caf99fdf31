namespace Todo.Projections;

/// <summary>Why a lane stopped at one of its entries.</summary>
public enum LaneStopKind
{
    /// <summary>The record is no event this code can read, or carries no state to apply: it will not get better by being delivered again.</summary>
    Unusable,

    /// <summary>The todo is parked: its later events park behind the first.</summary>
    Parked,

    /// <summary>The read item is behind the event's predecessor: an earlier event has not been applied yet.</summary>
    Gap,
}
