namespace Todo.ReadModel;

/// <summary>One todo whose read item is not what its events give, and the attributes that differ.</summary>
public sealed record Difference(Guid TodoId, DifferenceKind Kind, IReadOnlyList<string> Fields, string? Detail = null);
