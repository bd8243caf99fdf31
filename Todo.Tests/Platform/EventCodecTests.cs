using AutoFixture.Xunit2;
using Amazon.DynamoDBv2.Model;
using Todo.Domain.Events;
using Todo.Adapters.Events;

namespace Todo.Tests.Platform;

/// <summary>The events table's item layout: what is stored stays readable, so it is pinned here attribute by attribute.</summary>
public class EventCodecTests
{
    private static readonly Guid TodoId = Guid.Parse("7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11");
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset OccurredAt = new(2026, 11, 25, 10, 0, 1, 234, TimeSpan.Zero);

    public static TheoryData<TodoEvent, string, string> Events => new()
    {
        { new TodoCreated("Buy milk", CreatedAt), "TodoCreated", """{"text":"Buy milk","createdAt":"2026-11-25T10:00:00.000Z"}""" },
        { new TodoTextChanged("Buy oat milk"), "TodoTextChanged", """{"text":"Buy oat milk"}""" },
        { new TodoCompleted(), "TodoCompleted", "{}" },
        { new TodoReopened(), "TodoReopened", "{}" },
        { new TodoDeleted(), "TodoDeleted", "{}" },
    };

    private static StoredEvent Stored(TodoEvent @event, long version = 3) => new(TodoId, version, @event, OccurredAt, "req-1");

    /// <summary>A valid stored item with its type and data replaced.</summary>
    private static Dictionary<string, AttributeValue> Item(string type = "TodoCompleted", string data = "{}")
    {
        var item = EventCodec.ToItem(Stored(new TodoCompleted()));
        item[EventTable.Type] = new AttributeValue { S = type };
        item[EventTable.Data] = new AttributeValue { S = data };
        return item;
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Each_event_is_stored_in_the_pinned_layout(TodoEvent @event, string type, string data)
    {
        var item = EventCodec.ToItem(Stored(@event, version: 12));

        Assert.Equal(
            ["commandId", "data", "occurredAt", "schemaVersion", "todoId", "type", "version"],
            item.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("""{"S":"7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11"}""", DynamoJson.Of(item["todoId"]));
        Assert.Equal("""{"N":"12"}""", DynamoJson.Of(item["version"]));
        Assert.Equal(DynamoJson.Of(new AttributeValue { S = type }), DynamoJson.Of(item["type"]));
        Assert.Equal("""{"N":"1"}""", DynamoJson.Of(item["schemaVersion"]));
        Assert.Equal(data, item["data"].S);
        Assert.Equal(DynamoJson.Of(new AttributeValue { S = data }), DynamoJson.Of(item["data"]));
        Assert.Equal("""{"S":"2026-11-25T10:00:01.234Z"}""", DynamoJson.Of(item["occurredAt"]));
        Assert.Equal("""{"S":"req-1"}""", DynamoJson.Of(item["commandId"]));
    }

    [Theory]
    [MemberData(nameof(Events))]
    public void Each_event_round_trips(TodoEvent @event, string type, string data)
    {
        _ = (type, data);
        var stored = Stored(@event);

        var back = EventCodec.FromItem(EventCodec.ToItem(stored));

        Assert.Equal(stored, back);
    }

    [Theory, AutoData]
    public void Generated_events_round_trip(Guid todoId, long version, string text, string commandId, DateTimeOffset createdAt, DateTimeOffset occurredAt)
    {
        var stored = new StoredEvent(todoId, version, new TodoCreated(text, Todo.Domain.Timestamp.Truncate(createdAt)), Todo.Domain.Timestamp.Truncate(occurredAt), commandId);

        Assert.Equal(stored, EventCodec.FromItem(EventCodec.ToItem(stored)));
    }

    [Fact]
    public void Text_is_stored_as_json_escapes_and_read_back_unchanged()
    {
        var text = "Say \"hi\" \\ 牛乳 😀 </script>";
        var stored = Stored(new TodoTextChanged(text));

        var item = EventCodec.ToItem(stored);

        Assert.Equal(text, Assert.IsType<TodoTextChanged>(EventCodec.FromItem(item).Event).Text);
        Assert.StartsWith("{\"text\":\"Say \\u0022hi\\u0022", item["data"].S);
    }

    [Fact]
    public void Sub_millisecond_times_are_stored_at_millisecond_precision()
    {
        var precise = CreatedAt.AddTicks(12_345);

        var item = EventCodec.ToItem(new StoredEvent(TodoId, 1, new TodoCreated("a", precise), precise, "c"));

        Assert.Equal("2026-11-25T10:00:00.001Z", item["occurredAt"].S);
        Assert.Equal("""{"text":"a","createdAt":"2026-11-25T10:00:00.001Z"}""", item["data"].S);
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
