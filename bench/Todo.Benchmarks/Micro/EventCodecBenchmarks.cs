using Amazon.DynamoDBv2.Model;
using BenchmarkDotNet.Attributes;
using Todo.Domain;
using Todo.Domain.Events;
using Todo.Store.Events;
using Todo.Harness.Seeding;

namespace Todo.Benchmarks.Micro;

/// <summary>One event to its table item and back: what every append, read and stream record pays per event.</summary>
[MemoryDiagnoser]
public class EventCodecBenchmarks
{
    private StoredEvent stored = null!;
    private TodoState state = null!;
    private Dictionary<string, AttributeValue> item = null!;

    [Params(nameof(TodoCreated), nameof(TodoTextChanged), nameof(TodoCompleted))]
    public string Event { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var now = Timestamp.Truncate(DateTimeOffset.UtcNow);
        TodoEvent @event = Event switch
        {
            nameof(TodoCreated) => new TodoCreated(FixtureText.Standard, now),
            nameof(TodoTextChanged) => new TodoTextChanged(FixtureText.Standard),
            _ => new TodoCompleted(),
        };
        stored = new StoredEvent(Guid.NewGuid(), 2, @event, now, Guid.NewGuid().ToString());
        state = new TodoState.Live(FixtureText.Standard, @event is TodoCompleted, now);
        item = EventCodec.ToItem(stored, state);
    }

    [Benchmark]
    public Dictionary<string, AttributeValue> ToItem() => EventCodec.ToItem(stored, state);

    [Benchmark]
    public StoredEvent FromItem() => EventCodec.FromItem(item);
}
