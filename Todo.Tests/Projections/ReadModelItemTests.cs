using Todo.ReadModel;
using Todo.Domain;
using Todo.Domain.Events;
using Todo.Store.Events;
using Todo.Store.ReadTable;

namespace Todo.Tests.Projections;

/// <summary>The read item of a todo's state, and the state a whole stream folds to: what the projector, a replay and a verify write or expect.</summary>
public class ReadModelItemTests
{
    private static readonly Guid TodoId = Guid.Parse("7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11");
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_live_todo_is_its_text_completed_and_creation_time_in_its_owners_list_and_index()
    {
        var item = ReadModelItem.Of(TodoId, new Snapshot(new TodoState.Live("Buy milk", true, CreatedAt, "alice"), 3));

        Assert.Equal(
            new Dictionary<string, string>
            {
                [TodoTable.ListId] = "alice",
                [TodoTable.TodoId] = TodoId.ToString(),
                [TodoTable.Version] = "3",
                [TodoTable.Text] = "Buy milk",
                [TodoTable.Completed] = "True",
                [TodoTable.CreatedAt] = Timestamp.ToText(CreatedAt),
                [TodoTable.CreatedAtKey] = TodoTable.SortKey(TodoId, CreatedAt),
            },
            Shown(item));
        Assert.Equal(new TodoView(TodoId, "Buy milk", true, CreatedAt, 3), TodoTable.FromItem(item));
    }

    [Fact]
    public void A_deleted_todo_is_a_tombstone_of_its_version_out_of_the_index()
    {
        var item = ReadModelItem.Of(TodoId, new Snapshot(new TodoState.Deleted(), 5));

        Assert.Equal(
            new Dictionary<string, string>
            {
                [TodoTable.ListId] = TodoTable.DefaultList,
                [TodoTable.TodoId] = TodoId.ToString(),
                [TodoTable.Version] = "5",
                [TodoTable.Deleted] = "True",
            },
            Shown(item));
        Assert.Null(TodoTable.FromItem(item));
    }

    [Fact]
    public void A_todo_no_event_made_has_no_item()
    {
        Assert.Throws<ArgumentException>(() => ReadModelItem.Of(TodoId, Snapshot.Empty));
    }

    [Fact]
    public void A_stream_folds_to_the_state_after_its_last_event_at_its_version()
    {
        var state = ReadModelItem.StateOf(Stream(new TodoCreated("Buy milk", CreatedAt, "alice"), new TodoTextChanged("Buy oat milk"), new TodoCompleted()));

        Assert.Equal(new Snapshot(new TodoState.Live("Buy oat milk", true, CreatedAt, "alice"), 3), state);
    }

    [Fact]
    public void No_events_fold_to_nothing()
    {
        Assert.Null(ReadModelItem.StateOf(new EventStream([])));
    }

    [Fact]
    public void A_stream_that_does_not_run_from_version_1_without_a_gap_does_not_fold()
    {
        var stream = Stream(new TodoCreated("Buy milk", CreatedAt), new TodoCompleted(), new TodoReopened());

        Assert.Throws<InvalidOperationException>(() => ReadModelItem.StateOf(new EventStream([stream.Events[0], stream.Events[2]])));
        Assert.Throws<InvalidOperationException>(() => ReadModelItem.StateOf(new EventStream([.. stream.Events.Skip(1)])));
    }

    [Fact]
    public void An_event_after_the_delete_does_not_fold()
    {
        Assert.Throws<InvalidOperationException>(() => ReadModelItem.StateOf(Stream(new TodoCreated("Gone", CreatedAt), new TodoDeleted(), new TodoCompleted())));
    }

    private static EventStream Stream(params TodoEvent[] events) =>
        new([.. events.Select((e, i) => new StoredEvent(TodoId, i + 1, e, CreatedAt.AddMinutes(i), $"cmd-{i + 1}"))]);

    private static Dictionary<string, string> Shown(Dictionary<string, Amazon.DynamoDBv2.Model.AttributeValue> item) =>
        item.ToDictionary(a => a.Key, a => a.Value.S ?? a.Value.N ?? a.Value.BOOL?.ToString() ?? "?");
}
