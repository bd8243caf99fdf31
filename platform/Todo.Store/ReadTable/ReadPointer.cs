using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Domain;

namespace Todo.Store.ReadTable;

/// <summary>
/// Which of the two read tables is active: one small item in the pointer table, which the query functions
/// read and the projector writes by, each caching it for <see cref="CacheFor"/>. A rebuild fills the inactive
/// table and switches the pointer with one conditional write, so every reader moves at once, within the
/// cache time; the table it left stays as it was, for a rollback. No item yet: the first table is active.
/// </summary>
public sealed class ReadPointer(IAmazonDynamoDB dynamoDb, string pointerTable, ReadTables tables, TimeProvider clock)
{
    public const string EnvironmentVariable = "READ_POINTER_TABLE";

    /// <summary>How long a reader keeps the pointer it read: a switch reaches every reader within this.</summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long after a switch a projector may still write the table switched from: it read the pointer just
    /// before, and a batch it had begun then is still being applied. After this, that table no longer changes.
    /// </summary>
    public static readonly TimeSpan SwitchSettlesWithin = CacheFor * 2 + TimeSpan.FromMilliseconds(500);

    public const string Id = "id";
    public const string Active = "active";
    public const string Previous = "previous";
    public const string SwitchedAt = "switchedAt";
    private const string ReadModelId = "read-model";

    /// <summary>The variable naming the second read table; <see cref="TodoTable.EnvironmentVariable"/> names the first.</summary>
    public const string SecondTableVariable = "TODOS_GREEN_TABLE";

    private (string Table, DateTimeOffset ReadAt)? cached;

    public ReadTables Tables => tables;

    /// <summary>The clock the pointer is cached by: the one whoever writes or reads through it stamps and reads changes by.</summary>
    public TimeProvider Clock => clock;

    /// <summary>The active read table, from the cache while it is fresh.</summary>
    public async Task<string> ActiveAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (cached is { } hit && now - hit.ReadAt < CacheFor)
            return hit.Table;
        var table = (await ReadAsync(cancellationToken)).Active;
        cached = (table, now);
        return table;
    }

    /// <summary>The pointer as it is now (a consistent read).</summary>
    public async Task<PointerState> ReadAsync(CancellationToken cancellationToken)
    {
        var item = (await dynamoDb.GetItemAsync(new GetItemRequest { TableName = pointerTable, Key = Key(), ConsistentRead = true }, cancellationToken)).Item;
        return item is { Count: > 0 }
            ? new PointerState(item[Active].S, item.TryGetValue(Previous, out var previous) ? previous.S : null)
            : new PointerState(tables.First, null);
    }

    /// <summary>Makes <paramref name="to"/> active if <paramref name="from"/> still is: one conditional write, so two switches cannot both win.</summary>
    /// <returns>Whether this call switched it.</returns>
    public async Task<bool> SwitchAsync(string from, string to, CancellationToken cancellationToken)
    {
        var item = Key();
        item[Active] = new AttributeValue { S = tables.Require(to) };
        item[Previous] = new AttributeValue { S = tables.Require(from) };
        item[SwitchedAt] = new AttributeValue { S = Timestamp.ToText(clock.GetUtcNow()) };
        try
        {
            await dynamoDb.PutItemAsync(new PutItemRequest
            {
                TableName = pointerTable,
                Item = item,
                // No pointer yet stands for the first table being active.
                ConditionExpression = from == tables.First ? "attribute_not_exists(#active) OR #active = :from" : "#active = :from",
                ExpressionAttributeNames = new() { ["#active"] = Active },
                ExpressionAttributeValues = new() { [":from"] = new AttributeValue { S = from } },
            }, cancellationToken);
            cached = null;
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static Dictionary<string, AttributeValue> Key() => new() { [Id] = new AttributeValue { S = ReadModelId } };
}

/// <summary>The pointer's state: the active read table and the one it replaced, if any.</summary>
public sealed record PointerState(string Active, string? Previous);

/// <summary>The two read tables a rebuild alternates between, by name: <see cref="First"/> is active until a first switch.</summary>
public sealed record ReadTables(string First, string Second)
{
    public string Other(string table) => table == First ? Second : table == Second ? First : throw new ArgumentException($"{table} is not a read table.", nameof(table));

    public string Require(string table) => table == First || table == Second ? table : throw new ArgumentException($"{table} is not a read table.", nameof(table));
}
