using Amazon.DynamoDBv2.Model;
using Todo.Store.ReadTable;

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

/// <summary>One todo whose read item is not what its events give, and the attributes that differ.</summary>
public sealed record Difference(Guid TodoId, DifferenceKind Kind, IReadOnlyList<string> Fields, string? Detail = null);

/// <summary>The comparison of a read item with the one the events give (<see cref="ReadModelItem"/>), attribute by attribute.</summary>
public static class ReadModelDiff
{
    /// <param name="expected">The item the todo's events give; null for a todo with no events.</param>
    /// <param name="actual">The read item; null for none.</param>
    /// <returns>Null when the item is what the events give.</returns>
    public static Difference? Compare(Guid todoId, IReadOnlyDictionary<string, AttributeValue>? expected, IReadOnlyDictionary<string, AttributeValue>? actual)
    {
        if (actual is not null && actual.ContainsKey(TodoTable.ParkedAt))
            return new Difference(todoId, DifferenceKind.Parked, [], $"parked at version {TodoTable.VersionOf(actual)}");
        if (expected is null)
            return actual is null ? null : new Difference(todoId, DifferenceKind.Extra, [.. actual.Keys.Order(StringComparer.Ordinal)]);
        if (actual is null)
            return new Difference(todoId, DifferenceKind.Missing, [.. expected.Keys.Order(StringComparer.Ordinal)]);
        var fields = expected.Keys.Union(actual.Keys)
            .Where(name => !(expected.TryGetValue(name, out var want) && actual.TryGetValue(name, out var have) && Text(want) == Text(have)))
            .Order(StringComparer.Ordinal)
            .ToList();
        return fields.Count == 0 ? null : new Difference(todoId, DifferenceKind.Differing, fields,
            string.Join(", ", fields.Select(f => $"{f}: {Shown(actual, f)} (events give {Shown(expected, f)})")));
    }

    private static string Shown(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? Text(value) : "absent";

    /// <summary>The read table holds strings, numbers and booleans only.</summary>
    private static string Text(AttributeValue value) =>
        value.S is { } s ? $"\"{s}\"" : value.N ?? (value.BOOL is { } b ? (b ? "true" : "false") : "?");
}
