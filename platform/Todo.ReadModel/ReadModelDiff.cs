using Amazon.DynamoDBv2.Model;
using Todo.Store.ReadTable;

namespace Todo.ReadModel;

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
        // The change stamp is the writer's clock, not state, so its value is never compared; but an item without one
        // (written before stamps) is missing from the changes feed, and a repair's rewrite stamps it.
        var fields = expected.Keys.Union(actual.Keys)
            .Where(name => name != TodoTable.ChangeKey
                && !(expected.TryGetValue(name, out var want) && actual.TryGetValue(name, out var have) && Text(want) == Text(have)))
            .Append(actual.ContainsKey(TodoTable.ChangeKey) ? null : TodoTable.ChangeKey)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();
        return fields.Count == 0 ? null : new Difference(todoId, DifferenceKind.Differing, fields,
            string.Join(", ", fields.Select(f => f == TodoTable.ChangeKey
                ? $"{f}: absent (every write stamps one)"
                : $"{f}: {Shown(actual, f)} (events give {Shown(expected, f)})")));
    }

    private static string Shown(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? Text(value) : "absent";

    /// <summary>The read table holds strings, numbers and booleans only.</summary>
    private static string Text(AttributeValue value) =>
        value.S is { } s ? $"\"{s}\"" : value.N ?? (value.BOOL is { } b ? (b ? "true" : "false") : "?");
}
