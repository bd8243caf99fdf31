namespace Todo.ReadModel;

/// <summary>How a todo's read item stands against the item its events give.</summary>
public enum DifferenceKind
{
    /// <summary>The todo has events and no read item (or only a parked mark with no event applied is not this: see <see cref="Parked"/>).</summary>
    Missing,

    /// <summary>A read item for a todo that has no events.</summary>
    Extra,

    /// <summary>Both exist and some attributes differ.</summary>
    Differing,

    /// <summary>The todo is parked: its item is stale on purpose until it is redriven.</summary>
    Parked,

    /// <summary>The todo's events cannot be read or projected, so what its item should be is not known.</summary>
    Unreadable,
}
