using Todo.Domain;
using Todo.ReadModel;
using Todo.Store.Events;
using Todo.Store.ReadTable;

namespace Todo.Tests.Projections;

/// <summary>The change stamp on read items: every write of a state carries one, and a verify never compares its value.</summary>
public sealed class ReadModelDiffTests
{
    private static readonly Guid TodoId = Guid.Parse("7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11");
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WrittenAt = new(2026, 12, 8, 3, 4, 5, 678, TimeSpan.Zero);

    private static Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> Expected(TodoState state) => ReadModelItem.Of(TodoId, new Snapshot(state, 3));

    [Fact]
    public void A_stamp_is_the_write_time_then_the_todo_id_as_the_list_sorts_its_creation()
    {
        var item = ReadModelItem.Stamped(Expected(new TodoState.Deleted()), WrittenAt);

        Assert.Equal($"2026-12-08T03:04:05.678Z#{TodoId}", item[TodoTable.ChangeKey].S);
        Assert.Equal(TodoTable.SortKey(TodoId, WrittenAt), TodoTable.ChangeKeyOf(TodoId, WrittenAt));
    }

    [Fact]
    public void A_state_is_not_stamped_so_two_stamps_of_it_are_the_same_state()
    {
        Assert.DoesNotContain(TodoTable.ChangeKey, Expected(new TodoState.Live("Buy milk", false, CreatedAt, null)).Keys);
        Assert.DoesNotContain(TodoTable.ChangeKey, ReadModelItem.StateAttributes);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_item_stamped_at_any_time_is_what_its_events_give(bool deleted)
    {
        TodoState state = deleted ? new TodoState.Deleted() : new TodoState.Live("Buy milk", true, CreatedAt, "alice");

        Assert.Null(ReadModelDiff.Compare(TodoId, Expected(state), ReadModelItem.Stamped(Expected(state), WrittenAt)));
        Assert.Null(ReadModelDiff.Compare(TodoId, Expected(state), ReadModelItem.Stamped(Expected(state), WrittenAt.AddYears(-3))));
    }

    [Fact]
    public void An_item_without_a_stamp_differs_as_it_is_missing_from_the_changes_feed()
    {
        var state = new TodoState.Live("Buy milk", false, CreatedAt, null);

        var difference = ReadModelDiff.Compare(TodoId, Expected(state), Expected(state));

        Assert.NotNull(difference);
        Assert.Equal(DifferenceKind.Differing, difference.Kind);
        Assert.Equal([TodoTable.ChangeKey], difference.Fields);
        Assert.Equal("changeKey: absent (every write stamps one)", difference.Detail);
    }

    [Fact]
    public void A_stale_item_names_its_state_differences_and_not_its_stamp()
    {
        var actual = ReadModelItem.Stamped(ReadModelItem.Of(TodoId, new Snapshot(new TodoState.Live("Buy milk", false, CreatedAt, null), 2)), WrittenAt);

        var difference = ReadModelDiff.Compare(TodoId, Expected(new TodoState.Live("Buy milk", true, CreatedAt, null)), actual);

        Assert.Equal([TodoTable.Completed, TodoTable.Version], difference!.Fields);
    }
}
