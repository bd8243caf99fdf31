using System.Text.Json;
using Todo.Lambda.DynamoDBEvents;
using Todo.Projections;
using Todo.Store.ReadTable;
using static Todo.Tests.Live.LiveRecords;

namespace Todo.Tests.Live;

/// <summary>Which records of a read table's stream are pushed, as what, and in which order.</summary>
public sealed class NotifyBatchTests
{
    private static NotifyBatch Of(params DynamoDBEvent.DynamodbStreamRecord[] records) => NotifyBatch.Of(records, Active);

    private static JsonElement Message(LiveChange change) => JsonDocument.Parse(change.Message).RootElement;

    [Fact]
    public void A_live_item_written_to_the_active_table_is_pushed_as_its_item_at_its_version()
    {
        var id = Guid.NewGuid();

        var batch = Of(Record(Item(id, 1), "INSERT"), Record(Item(id, 2, completed: true)));

        var list = Assert.Single(batch.Lists);
        Assert.Equal("user-1", list.Key);
        Assert.Equal([1L, 2L], list.Select(c => c.Version));
        var message = Message(list.Last());
        Assert.Equal(("change", id.ToString(), 2), (message.GetProperty("type").GetString(), message.GetProperty("id").GetString(), message.GetProperty("version").GetInt64()));
        Assert.True(message.GetProperty("item").GetProperty("completed").GetBoolean());
        Assert.False(message.TryGetProperty("deleted", out _));
        Assert.Empty(batch.PassedOver);
    }

    [Fact]
    public void A_tombstone_is_pushed_as_deleted_at_its_version()
    {
        var id = Guid.NewGuid();

        var change = Assert.Single(Assert.Single(Of(Record(Tombstone(id, 4))).Lists));

        var message = Message(change);
        Assert.Equal(4, message.GetProperty("version").GetInt64());
        Assert.True(message.GetProperty("deleted").GetBoolean());
        Assert.False(message.TryGetProperty("item", out _));
    }

    public static TheoryData<string, DynamoDBEvent.DynamodbStreamRecord, string> NotChanges => new()
    {
        { "a write to the inactive read table (a rebuild's)", Record(Item(Guid.NewGuid(), 1), "INSERT", Inactive), "not the active read table" },
        { "a record of no table", Record(Item(Guid.NewGuid(), 1), "INSERT", table: null), "not the active read table" },
        { "a REMOVE", Record(Item(Guid.NewGuid(), 3), "REMOVE"), "a REMOVE, not a write of a state" },
        { "the parked mark on an item with a state", Record(Parked(Item(Guid.NewGuid(), 3))), "the item is parked" },
        { "the item of a todo parked at its first event", Record(ParkedAtFirst(Guid.NewGuid()), "INSERT"), "the item is parked" },
        { "an item of no state", Record(TodoTable.Key("user-1", Guid.NewGuid()), "INSERT"), "the item holds no state" },
        { "an item that cannot be read", Record(Unreadable()), "cannot read the item" },
    };

    [Theory]
    [MemberData(nameof(NotChanges))]
    public void A_record_that_is_no_readable_change_is_passed_over_with_why_and_the_rest_of_the_batch_is_pushed(string what, DynamoDBEvent.DynamodbStreamRecord record, string reason)
    {
        var after = Guid.NewGuid();

        var batch = Of(record, Record(Item(after, 1), "INSERT"));

        var passedOver = Assert.Single(batch.PassedOver);
        Assert.True(passedOver.Reason.Contains(reason, StringComparison.Ordinal), $"{what}: {passedOver.Reason}");
        Assert.Equal(0, passedOver.Record.Position);
        Assert.Equal(after, Assert.Single(Assert.Single(batch.Lists)).TodoId);
    }

    [Fact]
    public void A_record_no_newer_than_the_todos_earlier_one_in_the_batch_is_passed_over()
    {
        var id = Guid.NewGuid();

        // The same version again (its change stamped again), then an older one: neither is news after version 2.
        var batch = Of(Record(Item(id, 2)), Record(Item(id, 2)), Record(Item(id, 1)), Record(Item(id, 3)));

        Assert.Equal([2L, 3L], Assert.Single(batch.Lists).Select(c => c.Version));
        Assert.Equal([1, 2], batch.PassedOver.Select(p => p.Record.Position));
    }

    [Fact]
    public void Changes_are_grouped_by_list_in_the_order_of_each_lists_first_and_keep_the_batchs_order_within_a_list()
    {
        var (a, b, c) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());

        var batch = Of(
            Record(Item(a, 1, owner: "user-2"), "INSERT"),
            Record(Item(b, 1, owner: "user-1"), "INSERT"),
            Record(Item(a, 2, owner: "user-2")),
            Record(Item(c, 1, owner: null), "INSERT"),
            Record(Tombstone(b, 2, owner: "user-1")),
            Record(Item(a, 3, owner: "user-2")));

        Assert.Equal(["user-2", "user-1", TodoTable.DefaultList], batch.Lists.Select(l => l.Key));
        Assert.Equal([(a, 1L), (a, 2L), (a, 3L)], batch.Lists[0].Select(ch => (ch.TodoId, ch.Version)));
        Assert.Equal([(b, 1L), (b, 2L)], batch.Lists[1].Select(ch => (ch.TodoId, ch.Version)));
        Assert.Equal([0, 2, 5], batch.Lists[0].Select(ch => ch.Record.Position));
        Assert.Equal(6, batch.Count);
    }

    [Theory]
    [InlineData("arn:aws:dynamodb:eu-west-1:123456789012:table/todo-prod-todos/stream/2026-12-01T00:00:00.000", "todo-prod-todos")]
    [InlineData("arn:aws:dynamodb:ddblocal:000000000000:table/todo-local-todos-green/stream/2026-12-08T03:00:00.123", "todo-local-todos-green")]
    [InlineData("arn:aws-cn:dynamodb:cn-north-1:123456789012:table/t/stream/x", "t")]
    [InlineData("arn:aws:sqs:eu-west-1:123456789012:queue", null)]
    [InlineData("stream-ARN", null)]
    [InlineData(null, null)]
    public void The_table_of_a_record_is_the_one_its_stream_ARN_names(string? arn, string? table)
    {
        Assert.Equal(table, NotifyBatch.TableOf(arn));
    }

    private static Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> Unreadable()
    {
        var item = Item(Guid.NewGuid(), 2);
        item.Remove(TodoTable.Text);
        return item;
    }
}
