using AutoFixture.Xunit2;
using Amazon.DynamoDBv2.Model;
using Todo.Domain;
using Todo.Domain.Events;
using Todo.Store.Events;

namespace Todo.Tests.Platform;

/// <summary>The events table's item layout: what is stored stays readable, so it is pinned here attribute by attribute.</summary>
public class EventCodecTests
{
    private static readonly Guid TodoId = Guid.Parse("7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11");
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset OccurredAt = new(2026, 11, 25, 10, 0, 1, 234, TimeSpan.Zero);

    private static readonly TodoState.Live Milk = new("Buy oat milk", false, CreatedAt);

    /// <summary>Each event, its stored type and data, the state it leaves the todo in and that state as stored.</summary>
    public static TheoryData<TodoEvent, string, string, TodoState, string> Events => new()
    {
        { new TodoCreated("Buy milk", CreatedAt), "TodoCreated", """{"text":"Buy milk","createdAt":"2026-11-25T10:00:00.000Z"}""", Milk with { Text = "Buy milk" }, LiveState("Buy milk", false) },
        { new TodoTextChanged("Buy oat milk"), "TodoTextChanged", """{"newText":"Buy oat milk"}""", Milk, LiveState("Buy oat milk", false) },
        { new TodoCompleted(), "TodoCompleted", "{}", Milk with { Completed = true }, LiveState("Buy oat milk", true) },
        { new TodoReopened(), "TodoReopened", "{}", Milk, LiveState("Buy oat milk", false) },
        { new TodoDeleted(), "TodoDeleted", "{}", new TodoState.Deleted(), """{"M":{"deleted":{"BOOL":true},"schemaVersion":{"N":"1"}}}""" },
    };

    private static string LiveState(string text, bool completed) =>
        """{"M":{"completed":{"BOOL":""" + (completed ? "true" : "false") + """},"createdAt":{"S":"2026-11-25T10:00:00.000Z"},"deleted":{"BOOL":false},"schemaVersion":{"N":"1"},"text":{"S":""" + $"\"{text}\"" + "}}}";

    private static StoredEvent Stored(TodoEvent @event, long version = 3) => new(TodoId, version, @event, OccurredAt, "req-1");

    /// <summary>A valid stored item with its type and data replaced.</summary>
    private static Dictionary<string, AttributeValue> Item(string type = "TodoCompleted", string data = "{}")
    {
        var item = EventCodec.ToItem(Stored(new TodoCompleted()), Milk with { Completed = true });
        item[EventTable.Type] = new AttributeValue { S = type };
        item[EventTable.Data] = new AttributeValue { S = data };
        return item;
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Each_event_is_stored_in_the_pinned_layout(TodoEvent @event, string type, string data, TodoState stateAfter, string state)
    {
        var item = EventCodec.ToItem(Stored(@event, version: 12), stateAfter);

        Assert.Equal(
            ["commandId", "data", "occurredAt", "schemaVersion", "state", "todoId", "type", "version"],
            item.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("""{"S":"7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11"}""", DynamoJson.Of(item["todoId"]));
        Assert.Equal("""{"N":"12"}""", DynamoJson.Of(item["version"]));
        Assert.Equal(DynamoJson.Of(new AttributeValue { S = type }), DynamoJson.Of(item["type"]));
        // Each type has its own schema version; the text change is at its second (see EventUpcastTests).
        Assert.Equal(type == "TodoTextChanged" ? """{"N":"2"}""" : """{"N":"1"}""", DynamoJson.Of(item["schemaVersion"]));
        Assert.Equal(data, item["data"].S);
        Assert.Equal(DynamoJson.Of(new AttributeValue { S = data }), DynamoJson.Of(item["data"]));
        Assert.Equal("""{"S":"2026-11-25T10:00:01.234Z"}""", DynamoJson.Of(item["occurredAt"]));
        Assert.Equal("""{"S":"req-1"}""", DynamoJson.Of(item["commandId"]));
        Assert.Equal(state, DynamoJson.Of(item["state"]));
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Each_event_round_trips(TodoEvent @event, string type, string data, TodoState stateAfter, string state)
    {
        _ = (type, data, state);
        var stored = Stored(@event);

        var back = EventCodec.FromItem(EventCodec.ToItem(stored, stateAfter));

        Assert.Equal(stored, back);
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Each_item_is_a_snapshot_of_the_state_after_its_event(TodoEvent @event, string type, string data, TodoState stateAfter, string state)
    {
        _ = (type, data, state);

        var snapshot = EventCodec.SnapshotOf(EventCodec.ToItem(Stored(@event, version: 12), stateAfter));

        Assert.Equal(new Snapshot(stateAfter, 12), snapshot);
    }

    [Fact]
    public void No_event_leaves_a_todo_nonexistent()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EventCodec.ToItem(Stored(new TodoCompleted()), TodoState.Initial));
    }

    [Theory, AutoData]
    public void Generated_events_round_trip(Guid todoId, long version, string text, string commandId, DateTimeOffset createdAt, DateTimeOffset occurredAt)
    {
        var created = new TodoCreated(text, Timestamp.Truncate(createdAt));
        var stored = new StoredEvent(todoId, version, created, Timestamp.Truncate(occurredAt), commandId);
        var state = TodoDecider.Evolve(TodoState.Initial, created);

        var item = EventCodec.ToItem(stored, state);

        Assert.Equal(stored, EventCodec.FromItem(item));
        Assert.Equal(new Snapshot(state, version), EventCodec.SnapshotOf(item));
    }

    [Fact]
    public void Text_is_stored_as_json_escapes_and_read_back_unchanged()
    {
        var text = "Say \"hi\" \\ 牛乳 😀 </script>";
        var stored = Stored(new TodoTextChanged(text));

        var item = EventCodec.ToItem(stored, Milk with { Text = text });

        Assert.Equal(text, Assert.IsType<TodoTextChanged>(EventCodec.FromItem(item).Event).Text);
        Assert.StartsWith("{\"newText\":\"Say \\u0022hi\\u0022", item["data"].S);
        Assert.Equal(text, item["state"].M["text"].S);
        Assert.Equal(text, Assert.IsType<TodoState.Live>(EventCodec.SnapshotOf(item)!.State).Text);
    }

    [Fact]
    public void Sub_millisecond_times_are_stored_at_millisecond_precision()
    {
        var precise = CreatedAt.AddTicks(12_345);

        var item = EventCodec.ToItem(new StoredEvent(TodoId, 1, new TodoCreated("a", precise), precise, "c"), new TodoState.Live("a", false, precise));

        Assert.Equal("2026-11-25T10:00:00.001Z", item["occurredAt"].S);
        Assert.Equal("""{"text":"a","createdAt":"2026-11-25T10:00:00.001Z"}""", item["data"].S);
        Assert.Equal("2026-11-25T10:00:00.001Z", item["state"].M["createdAt"].S);
    }

    [Fact]
    public void A_known_item_reads_as_the_event()
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["todoId"] = new() { S = "7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11" },
            ["version"] = new() { N = "1" },
            ["type"] = new() { S = "TodoCreated" },
            ["schemaVersion"] = new() { N = "1" },
            ["data"] = new() { S = """{"text":"Buy milk","createdAt":"2026-11-25T10:00:00.000Z"}""" },
            ["occurredAt"] = new() { S = "2026-11-25T10:00:01.234Z" },
            ["commandId"] = new() { S = "req-1" },
        };

        Assert.Equal(new StoredEvent(TodoId, 1, new TodoCreated("Buy milk", CreatedAt), OccurredAt, "req-1"), EventCodec.FromItem(item));
        // Written before items held snapshots: the stream is folded instead.
        Assert.Null(EventCodec.SnapshotOf(item));
    }

    [Fact]
    public void A_known_item_with_a_snapshot_reads_as_the_event_and_the_state()
    {
        var item = new Dictionary<string, AttributeValue>
        {
            ["todoId"] = new() { S = "7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11" },
            ["version"] = new() { N = "4" },
            ["type"] = new() { S = "TodoCompleted" },
            ["schemaVersion"] = new() { N = "1" },
            ["data"] = new() { S = "{}" },
            ["occurredAt"] = new() { S = "2026-11-25T10:00:01.234Z" },
            ["commandId"] = new() { S = "req-1" },
            ["state"] = new()
            {
                M = new()
                {
                    ["schemaVersion"] = new() { N = "1" },
                    ["deleted"] = new() { BOOL = false },
                    ["text"] = new() { S = "Buy milk" },
                    ["completed"] = new() { BOOL = true },
                    ["createdAt"] = new() { S = "2026-11-25T10:00:00.000Z" },
                },
            },
        };

        Assert.Equal(new StoredEvent(TodoId, 4, new TodoCompleted(), OccurredAt, "req-1"), EventCodec.FromItem(item));
        Assert.Equal(new Snapshot(new TodoState.Live("Buy milk", true, CreatedAt), 4), EventCodec.SnapshotOf(item));
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0")]
    public void A_state_of_an_unknown_schema_is_no_snapshot(string schema)
    {
        var item = Item();
        item["state"].M["schemaVersion"] = new AttributeValue { N = schema };

        Assert.Null(EventCodec.SnapshotOf(item));
        Assert.Equal(Stored(new TodoCompleted()), EventCodec.FromItem(item));
    }

    public static TheoryData<string, AttributeValue?> MalformedStates => new()
    {
        { "schemaVersion", null },
        { "schemaVersion", new AttributeValue { S = "1" } },
        { "deleted", null },
        { "deleted", new AttributeValue { S = "false" } },
        { "text", null },
        { "text", new AttributeValue { N = "1" } },
        { "completed", null },
        { "completed", new AttributeValue { N = "1" } },
        { "createdAt", null },
        { "createdAt", new AttributeValue { S = "yesterday" } },
        { "dueDate", new AttributeValue { S = "2026-12-01" } },
    };

    /// <summary>A state of a known schema is trusted as the fold, so anything off in it is an error, not a guess; the event itself still reads.</summary>
    [Theory]
    [MemberData(nameof(MalformedStates))]
    public void A_malformed_state_is_a_format_error_of_the_snapshot_only(string field, AttributeValue? value)
    {
        var item = Item();
        if (value is null)
            item["state"].M.Remove(field);
        else
            item["state"].M[field] = value;

        Assert.Throws<FormatException>(() => EventCodec.SnapshotOf(item));
        Assert.Equal(Stored(new TodoCompleted()), EventCodec.FromItem(item));
    }

    [Fact]
    public void A_deleted_state_with_more_in_it_is_a_format_error()
    {
        var item = Item();
        item["state"].M["deleted"] = new AttributeValue { BOOL = true };

        Assert.Throws<FormatException>(() => EventCodec.SnapshotOf(item));
    }

    [Fact]
    public void A_state_that_is_not_a_map_is_a_format_error()
    {
        var item = Item();
        item["state"] = new AttributeValue { S = "live" };

        Assert.Throws<FormatException>(() => EventCodec.SnapshotOf(item));
    }

    [Theory]
    [InlineData("todoId")]
    [InlineData("version")]
    [InlineData("type")]
    [InlineData("schemaVersion")]
    [InlineData("data")]
    [InlineData("occurredAt")]
    [InlineData("commandId")]
    public void A_missing_attribute_is_a_format_error(string attribute)
    {
        var item = Item();
        item.Remove(attribute);

        var error = Assert.Throws<FormatException>(() => EventCodec.FromItem(item));
        Assert.Contains(attribute, error.Message);
    }

    [Theory]
    [InlineData("todoId")]
    [InlineData("type")]
    [InlineData("data")]
    [InlineData("occurredAt")]
    [InlineData("commandId")]
    public void A_text_attribute_of_another_type_is_a_format_error(string attribute)
    {
        var item = Item();
        item[attribute] = new AttributeValue { N = "1" };

        Assert.Throws<FormatException>(() => EventCodec.FromItem(item));
    }

    [Fact]
    public void An_unknown_type_is_a_format_error()
    {
        var error = Assert.Throws<FormatException>(() => EventCodec.FromItem(Item(type: "TodoArchived")));

        Assert.Equal("Unknown event type 'TodoArchived'.", error.Message);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("0")]
    [InlineData("-1")]
    public void An_unknown_schema_version_is_a_format_error(string version)
    {
        var item = Item();
        item[EventTable.SchemaVersion] = new AttributeValue { N = version };

        var error = Assert.Throws<FormatException>(() => EventCodec.FromItem(item));
        Assert.Equal($"Event schema version {version} is not supported.", error.Message);
    }

    [Theory]
    [InlineData("TodoCreated", "not json")]
    [InlineData("TodoCreated", "")]
    [InlineData("TodoCreated", "null")]
    [InlineData("TodoCreated", "[]")]
    [InlineData("TodoCreated", """{"text":"a","createdAt":"yesterday"}""")]
    [InlineData("TodoCreated", """{"text":"a","createdAt":5}""")]
    [InlineData("TodoCreated", """{"text":"a"}""")]
    [InlineData("TodoCreated", "{\"text\":\"a\",\"createdAt\":\"2026-11-25T10:00:00.000Z\"")]
    [InlineData("TodoCreated", """{"text":null,"createdAt":"2026-11-25T10:00:00.000Z"}""")]
    [InlineData("TodoCreated", """{"createdAt":"2026-11-25T10:00:00.000Z"}""")]
    [InlineData("TodoTextChanged", "{}")]
    [InlineData("TodoTextChanged", """{"text":null}""")]
    [InlineData("TodoTextChanged", "{")]
    [InlineData("TodoTextChanged", """{"text":1}""")]
    [InlineData("TodoCompleted", "")]
    [InlineData("TodoCompleted", "[]")]
    [InlineData("TodoDeleted", "null")]
    public void Bad_data_is_a_format_error(string type, string data)
    {
        Assert.Throws<FormatException>(() => EventCodec.FromItem(Item(type, data)));
    }

    [Theory]
    [InlineData("TodoCreated", """{"text":"a","createdAt":"2026-11-25T10:00:00.000Z","dueDate":"2026-12-01"}""")]
    [InlineData("TodoTextChanged", """{"text":"a","previous":"b"}""")]
    [InlineData("TodoCompleted", """{"by":"someone"}""")]
    [InlineData("TodoReopened", """{"x":1}""")]
    [InlineData("TodoDeleted", """{"reason":null}""")]
    public void An_unknown_field_in_data_is_a_format_error(string type, string data)
    {
        var error = Assert.Throws<FormatException>(() => EventCodec.FromItem(Item(type, data)));

        Assert.StartsWith($"The data of a {type} event is malformed", error.Message);
    }

    [Theory]
    [InlineData("todoId", "S", "not-a-guid")]
    [InlineData("occurredAt", "S", "2026-11-25T10:00:01Z")]
    [InlineData("version", "N", "one")]
    [InlineData("schemaVersion", "N", "1.0")]
    [InlineData("version", "N", "99999999999999999999")]
    [InlineData("schemaVersion", "N", "99999999999")]
    public void An_unreadable_value_is_a_format_error(string attribute, string kind, string value)
    {
        var item = Item();
        item[attribute] = kind == "S" ? new AttributeValue { S = value } : new AttributeValue { N = value };

        Assert.Throws<FormatException>(() => EventCodec.FromItem(item));
    }
}
