using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Domain;
using Todo.Store.ReadTable;

namespace Todo.Harness.Seeding;

/// <summary>
/// Fills the read table straight with BatchWriteItem, as the projection would have left it after one
/// create each: a fixture far faster than 100,000 commands through a stream that slows as it grows.
/// <paramref name="text"/> gives the text of the todo seeded n-th (by default every todo has the same text).
/// </summary>
public sealed class ReadTableSeeder(IAmazonDynamoDB dynamoDb, string todosTable, Func<int, string>? text = null)
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<Guid> seeded = [];

    public IReadOnlyList<Guid> Seeded => seeded;

    /// <summary>Adds todos until the table holds <paramref name="total"/>, each created a millisecond after the last.</summary>
    public async Task SeedToAsync(int total)
    {
        var items = Enumerable.Range(seeded.Count, total - seeded.Count).Select(Item).ToList();
        await BatchWrites.PutAllAsync(dynamoDb, todosTable, items);
    }

    private Dictionary<string, AttributeValue> Item(int index)
    {
        var id = Guid.NewGuid();
        seeded.Add(id);
        var createdAt = Epoch.AddMilliseconds(index);
        return new Dictionary<string, AttributeValue>
        {
            [TodoTable.ListId] = new() { S = TodoTable.DefaultList },
            [TodoTable.TodoId] = new() { S = id.ToString() },
            [TodoTable.CreatedAtKey] = new() { S = TodoTable.SortKey(id, createdAt) },
            [TodoTable.Text] = new() { S = text?.Invoke(index) ?? FixtureText.Standard },
            [TodoTable.Completed] = new() { BOOL = false },
            [TodoTable.CreatedAt] = new() { S = Timestamp.ToText(createdAt) },
            [TodoTable.Version] = new() { N = "1" },
        };
    }
}
