using Todo.ReadModel;
using Amazon.DynamoDBv2.Model;
using Todo.Store.Events;
using Todo.Store.ReadTable;
using Todo.Domain;
using Todo.Domain.Events;
using Todo.Lambda;
using Todo.Tests.Support;

namespace Todo.Tests.Platform;

/// <summary>
/// Events written under an older schema (the fixture holds items as the code of commit a6f0269 stored
/// them) read as the current events, fold to the same state and project to the same read-model changes.
/// </summary>
public class EventUpcastTests
{
    private static readonly Guid TodoId = Guid.Parse("bec48336-6331-4c6e-b115-c025ca442124");
    private static readonly DateTimeOffset CreatedAt = DateTimeOffset.Parse("2026-12-01T22:04:37.170Z");

    private static List<Dictionary<string, AttributeValue>> OldItems()
    {
        var bytes = File.ReadAllBytes(Path.Combine(Repository.Fixtures, "events", "text-changed-v1.stream.json"));
        var batch = LambdaPayload.Read(bytes, LambdaJsonContext.Default.DynamoDBEvent);
        return batch.Records.Select(r => r.Dynamodb!.NewImage!).ToList();
    }

    /// <summary>The same three events as the current code writes them.</summary>
    private static List<Dictionary<string, AttributeValue>> CurrentItems(IReadOnlyList<StoredEvent> events)
    {
        var state = TodoState.Initial;
        return events.Select(e => EventCodec.ToItem(e, state = TodoDecider.Evolve(state, e.Event))).ToList();
    }

    [Fact]
    public void Each_event_type_has_its_current_schema_version()
    {
        Assert.Equal(2L, EventUpcasters.Current(nameof(TodoTextChanged)));
        Assert.All(new[] { nameof(TodoCreated), nameof(TodoCompleted), nameof(TodoReopened), nameof(TodoDeleted) },
            type => Assert.Equal(1L, EventUpcasters.Current(type)));
    }

    [Fact]
    public void A_version_1_text_change_is_upcast_to_version_2()
    {
        Assert.Equal("""{"newText":"Buy oat milk"}""", EventUpcasters.Upcast(nameof(TodoTextChanged), 1, """{"text":"Buy oat milk"}"""));
        Assert.Equal("""{"newText":"x"}""", EventUpcasters.Upcast(nameof(TodoTextChanged), 2, """{"newText":"x"}"""));
    }

    [Fact]
    public void The_old_items_read_as_the_current_events()
    {
        var events = OldItems().Select(EventCodec.FromItem).ToList();

        Assert.Equal(
            [new TodoCreated("Buy milk", CreatedAt), new TodoTextChanged("Buy oat milk"), new TodoCompleted()],
            events.Select(e => e.Event));
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Version));
        Assert.All(events, e => Assert.Equal(TodoId, e.TodoId));
        Assert.Equal("1", OldItems()[1][EventTable.SchemaVersion].N);
        Assert.Equal("""{"text":"Buy oat milk"}""", OldItems()[1][EventTable.Data].S);
    }

    [Fact]
    public void The_current_code_writes_the_text_change_at_version_2_and_reads_it_back_the_same()
    {
        var events = OldItems().Select(EventCodec.FromItem).ToList();

        var rewritten = CurrentItems(events);

        Assert.Equal("2", rewritten[1][EventTable.SchemaVersion].N);
        Assert.Equal("""{"newText":"Buy oat milk"}""", rewritten[1][EventTable.Data].S);
        Assert.Equal(events, rewritten.Select(EventCodec.FromItem));
        // Only the text change's schema moved: the other items are as the old code wrote them.
        Assert.Equal(DynamoJson.Of(OldItems()[0]), DynamoJson.Of(rewritten[0]));
        Assert.Equal(DynamoJson.Of(OldItems()[2]), DynamoJson.Of(rewritten[2]));
    }

    [Fact]
    public void Upcast_events_fold_to_the_state_the_current_ones_do_and_the_old_snapshots_hold()
    {
        var old = OldItems();
        var current = CurrentItems(old.Select(EventCodec.FromItem).ToList());

        var fromOld = TodoDecider.Fold(old.Select(i => EventCodec.FromItem(i).Event));
        var fromCurrent = TodoDecider.Fold(current.Select(i => EventCodec.FromItem(i).Event));

        Assert.Equal(new TodoState.Live("Buy oat milk", true, CreatedAt), fromOld);
        Assert.Equal(fromCurrent, fromOld);
        Assert.Equal(new Snapshot(fromOld, 3), EventCodec.SnapshotOf(old[^1]));
    }

    [Fact]
    public void Upcast_events_give_the_read_item_the_current_ones_do()
    {
        var old = ReadItemOf(OldItems());
        var current = ReadItemOf(CurrentItems(OldItems().Select(EventCodec.FromItem).ToList()));

        Assert.Equal(DynamoJson.Of(current), DynamoJson.Of(old));
        Assert.Equal("Buy oat milk", old[TodoTable.Text].S);
    }

    private static Dictionary<string, AttributeValue> ReadItemOf(IEnumerable<Dictionary<string, AttributeValue>> items) =>
        ReadModelItem.Of(TodoId, ReadModelItem.StateOf(new EventStream([.. items.Select(EventCodec.FromItem)]))!);

    [Theory]
    [InlineData(1, """{"newText":"a"}""")]
    [InlineData(2, """{"text":"a"}""")]
    [InlineData(3, """{"newText":"a"}""")]
    [InlineData(0, """{"text":"a"}""")]
    public void A_text_change_in_the_other_version_s_shape_or_of_an_unknown_version_is_a_format_error(long schema, string data)
    {
        var item = OldItems()[1];
        item[EventTable.SchemaVersion] = new AttributeValue { N = schema.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        item[EventTable.Data] = new AttributeValue { S = data };

        Assert.Throws<FormatException>(() => EventCodec.FromItem(item));
    }
}
