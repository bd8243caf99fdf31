using Amazon.DynamoDBv2.Model;
using Todo.Domain;
using Todo.Lambda.DynamoDBEvents;
using Todo.ReadModel;
using Todo.Store.Events;
using Todo.Store.ReadTable;

namespace Todo.Tests.Live;

/// <summary>Read tables' stream records as DynamoDB writes them (NEW_IMAGE), of read items as the projector writes them.</summary>
public static class LiveRecords
{
    public const string Active = "todo-test-todos";
    public const string Inactive = "todo-test-todos-green";

    public static readonly DateTimeOffset CreatedAt = new(2026, 12, 8, 9, 30, 0, TimeSpan.Zero);

    private static long sequence = 700_000_000_000_000_000;

    public static string StreamArn(string table) => $"arn:aws:dynamodb:eu-west-1:123456789012:table/{table}/stream/2026-12-01T00:00:00.000";

    public static Dictionary<string, AttributeValue> Item(Guid id, long version, string text = "Buy milk", bool completed = false, string? owner = "user-1") =>
        ReadModelItem.Of(id, new Snapshot(new TodoState.Live(text, completed, CreatedAt, owner), version));

    public static Dictionary<string, AttributeValue> Tombstone(Guid id, long version, string? owner = "user-1") =>
        ReadModelItem.Of(id, new Snapshot(new TodoState.Deleted(owner), version));

    /// <summary>The item of a todo parked at its first event: its key and the mark only.</summary>
    public static Dictionary<string, AttributeValue> ParkedAtFirst(Guid id, string owner = "user-1")
    {
        var item = TodoTable.Key(owner, id);
        item[TodoTable.ParkedAt] = new AttributeValue { S = Timestamp.ToText(CreatedAt) };
        return item;
    }

    public static Dictionary<string, AttributeValue> Parked(Dictionary<string, AttributeValue> item)
    {
        item[TodoTable.ParkedAt] = new AttributeValue { S = Timestamp.ToText(CreatedAt) };
        return item;
    }

    public static DynamoDBEvent.DynamodbStreamRecord Record(Dictionary<string, AttributeValue> item, string eventName = "MODIFY", string? table = Active) => new()
    {
        EventID = Guid.NewGuid().ToString("N"),
        EventName = eventName,
        EventSource = "aws:dynamodb",
        EventSourceArn = table is null ? null : StreamArn(table),
        Dynamodb = new DynamoDBEvent.StreamRecord
        {
            Keys = new() { [TodoTable.ListId] = item[TodoTable.ListId], [TodoTable.TodoId] = item[TodoTable.TodoId] },
            NewImage = eventName == "REMOVE" ? null : item,
            SequenceNumber = Interlocked.Increment(ref sequence).ToString(System.Globalization.CultureInfo.InvariantCulture),
            StreamViewType = "NEW_IMAGE",
        },
    };

    public static DynamoDBEvent Event(params DynamoDBEvent.DynamodbStreamRecord[] records) => new() { Records = [.. records] };
}
