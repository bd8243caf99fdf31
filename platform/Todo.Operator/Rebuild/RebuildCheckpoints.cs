using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Todo.Store.ReadTable;

namespace Todo.Operator.Rebuild;

/// <summary>Where an unfinished rebuild is: its target table and each Scan segment's position, as items of the pointer table.</summary>
public sealed class RebuildCheckpoints(IAmazonDynamoDB dynamoDb, string pointerTable)
{
    private const string RebuildId = "rebuild";
    private const string Table = "table";
    private const string Segments = "segments";
    private const string Key = "key";
    private const string SkipTodoAttribute = "skipTodo";
    private const string Done = "done";

    public async Task<RebuildCheckpoint?> LoadAsync(CancellationToken cancellationToken)
    {
        var head = await GetAsync(RebuildId, cancellationToken);
        if (head is null)
            return null;
        var count = int.Parse(head[Segments].N, CultureInfo.InvariantCulture);
        var positions = new SegmentPosition[count];
        for (var segment = 0; segment < count; segment++)
        {
            var item = await GetAsync(SegmentId(segment), cancellationToken);
            positions[segment] = item is null ? SegmentPosition.Start : new SegmentPosition(
                item.TryGetValue(Key, out var key) ? FromJson(key.S) : null,
                item.TryGetValue(SkipTodoAttribute, out var skip) ? skip.S : null,
                item[Done].BOOL == true);
        }
        return new RebuildCheckpoint(head[Table].S, positions);
    }

    public async Task StartAsync(string table, IReadOnlyList<SegmentPosition> positions, CancellationToken cancellationToken)
    {
        for (var segment = 0; segment < positions.Count; segment++)
            await SaveAsync(segment, positions[segment], cancellationToken);
        await dynamoDb.PutItemAsync(new PutItemRequest
        {
            TableName = pointerTable,
            Item = new()
            {
                [ReadPointer.Id] = new AttributeValue { S = RebuildId },
                [Table] = new AttributeValue { S = table },
                [Segments] = new AttributeValue { N = positions.Count.ToString(CultureInfo.InvariantCulture) },
            },
        }, cancellationToken);
    }

    public Task SaveAsync(int segment, SegmentPosition position, CancellationToken cancellationToken)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [ReadPointer.Id] = new AttributeValue { S = SegmentId(segment) },
            [Done] = new AttributeValue { BOOL = position.Done },
        };
        if (position.Key is { } key)
            item[Key] = new AttributeValue { S = ToJson(key) };
        if (position.SkipTodo is { } skip)
            item[SkipTodoAttribute] = new AttributeValue { S = skip };
        return dynamoDb.PutItemAsync(new PutItemRequest { TableName = pointerTable, Item = item }, cancellationToken);
    }

    /// <summary>The rebuild is over (or abandoned): the head first, so a crash midway leaves no checkpoint to resume from.</summary>
    public async Task ClearAsync(CancellationToken cancellationToken)
    {
        var head = await GetAsync(RebuildId, cancellationToken);
        if (head is null)
            return;
        await DeleteAsync(RebuildId, cancellationToken);
        for (var segment = 0; segment < int.Parse(head[Segments].N, CultureInfo.InvariantCulture); segment++)
            await DeleteAsync(SegmentId(segment), cancellationToken);
    }

    private static string SegmentId(int segment) => $"{RebuildId}#{segment}";

    private async Task<Dictionary<string, AttributeValue>?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var item = (await dynamoDb.GetItemAsync(new GetItemRequest
        {
            TableName = pointerTable,
            Key = new() { [ReadPointer.Id] = new AttributeValue { S = id } },
            ConsistentRead = true,
        }, cancellationToken)).Item;
        return item is { Count: > 0 } ? item : null;
    }

    private Task DeleteAsync(string id, CancellationToken cancellationToken) =>
        dynamoDb.DeleteItemAsync(new DeleteItemRequest { TableName = pointerTable, Key = new() { [ReadPointer.Id] = new AttributeValue { S = id } } }, cancellationToken);

    /// <summary>The events table's keys are a string and a number.</summary>
    private static string ToJson(Dictionary<string, AttributeValue> key) =>
        JsonSerializer.Serialize(key.ToDictionary(k => k.Key, k => k.Value.S ?? "#" + k.Value.N), CheckpointJsonContext.Default.DictionaryStringString);

    private static Dictionary<string, AttributeValue> FromJson(string json) =>
        JsonSerializer.Deserialize(json, CheckpointJsonContext.Default.DictionaryStringString)!
            .ToDictionary(k => k.Key, k => k.Value.StartsWith('#') ? new AttributeValue { N = k.Value[1..] } : new AttributeValue { S = k.Value });
}

/// <summary>An unfinished rebuild: the table it writes and where each segment is.</summary>
public sealed record RebuildCheckpoint(string Table, SegmentPosition[] Segments);

/// <summary>Where a Scan segment is: the key to go on after, the todo at its page's end already written whole, and whether it is read to the end.</summary>
public sealed record SegmentPosition(Dictionary<string, AttributeValue>? Key, string? SkipTodo, bool Done)
{
    public static readonly SegmentPosition Start = new(null, null, false);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class CheckpointJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
