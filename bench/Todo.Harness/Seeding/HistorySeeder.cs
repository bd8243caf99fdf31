using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Store.Events;
using Todo.Domain;
using Todo.Domain.Events;

namespace Todo.Harness.Seeding;

/// <summary>
/// Gives todos a long history straight through BatchWriteItem, item for item as the command functions
/// would have written it (a TodoCreated, then text changes), far faster than as many commands: a fixture.
/// </summary>
public sealed class HistorySeeder(IAmazonDynamoDB dynamoDb, string eventsTable)
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>When the <paramref name="version"/>th event occurred: a millisecond after the one before.</summary>
    public static DateTimeOffset OccurredAt(long version) => Epoch.AddMilliseconds(version);

    /// <summary>The text the todo has after its <paramref name="version"/>th event.</summary>
    public static string TextAt(long version) => version == 1 ? FixtureText.Standard : $"{FixtureText.Standard} (edit {version})";

    /// <summary>A new todo with <paramref name="events"/> events; <paramref name="withSnapshots"/> false leaves out the state, as items written before snapshots were kept.</summary>
    public async Task<Guid> SeedAsync(int events, bool withSnapshots = true, string? padding = null) =>
        (await SeedAsync(1, events, withSnapshots, padding))[0];

    /// <param name="padding">Appended to each text, to make the items as large as a test needs.</param>
    public async Task<IReadOnlyList<Guid>> SeedAsync(int todos, int events, bool withSnapshots = true, string? padding = null)
    {
        var ids = Enumerable.Range(0, todos).Select(_ => Guid.NewGuid()).ToList();
        // A todo's events in order, as the projector needs them; several todos at a time.
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (id, _) =>
            await BatchWrites.PutAllAsync(dynamoDb, eventsTable, Items(id, events, withSnapshots, padding), inOrder: true));
        return ids;
    }

    private static IEnumerable<Dictionary<string, AttributeValue>> Items(Guid todoId, int events, bool withSnapshots, string? padding)
    {
        var state = TodoState.Initial;
        for (var version = 1; version <= events; version++)
        {
            var text = TextAt(version) + padding;
            TodoEvent @event = version == 1 ? new TodoCreated(text, Epoch) : new TodoTextChanged(text);
            state = TodoDecider.Evolve(state, @event);
            var item = EventCodec.ToItem(new StoredEvent(todoId, version, @event, OccurredAt(version), $"seed-{version}"), state);
            if (!withSnapshots)
                item.Remove(EventTable.State);
            yield return item;
        }
    }
}
