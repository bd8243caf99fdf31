using Todo.ReadModel;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Store.Events;
using Todo.Domain;
using Todo.Domain.Events;
using Todo.Harness.Seeding;

namespace Todo.Benchmarks.Rebuild;

/// <summary>
/// Fills the events table straight through BatchWriteItem with todos of <see cref="EventsPerTodo"/> events each,
/// item for item as the command functions write them: a fixture far faster than as many commands.
/// </summary>
public static class RebuildEventSeeder
{
    public const int EventsPerTodo = 5;

    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <returns>The read item each todo's events give, as a projection writes it: what the raw write writes.</returns>
    public static async Task<IReadOnlyList<Dictionary<string, AttributeValue>>> SeedAsync(IAmazonDynamoDB dynamoDb, string eventsTable, int events)
    {
        var todos = Enumerable.Range(0, events / EventsPerTodo).Select(i => Todo(i, Guid.NewGuid())).ToList();
        await BatchWrites.PutAllAsync(dynamoDb, eventsTable, todos.SelectMany(t => t.Items));
        return todos.Select(t => t.ReadItem).ToList();
    }

    /// <summary>Created, renamed, completed, reopened, then renamed again; every tenth deleted last instead (a tombstone).</summary>
    private static (List<Dictionary<string, AttributeValue>> Items, Dictionary<string, AttributeValue> ReadItem) Todo(int index, Guid id)
    {
        var text = $"{FixtureText.Standard} #{index}";
        TodoEvent[] events =
        [
            new TodoCreated(text, Epoch.AddMilliseconds(index)), new TodoTextChanged(text + " (renamed)"), new TodoCompleted(), new TodoReopened(),
            index % 10 == 9 ? new TodoDeleted() : new TodoTextChanged(text + " (renamed again)"),
        ];
        var state = TodoState.Initial;
        var items = new List<Dictionary<string, AttributeValue>>();
        foreach (var (e, version) in events.Select((e, i) => (e, i + 1L)))
        {
            state = TodoDecider.Evolve(state, e);
            items.Add(EventCodec.ToItem(new StoredEvent(id, version, e, Epoch.AddMilliseconds(index).AddSeconds(version), $"seed-{index}-{version}"), state));
        }
        return (items, ReadModelItem.Of(id, new Snapshot(state, events.Length)));
    }
}
