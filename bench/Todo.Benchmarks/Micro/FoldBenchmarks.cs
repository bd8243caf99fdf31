using BenchmarkDotNet.Attributes;
using Todo.Domain;
using Todo.Domain.Events;
using Todo.Harness.Seeding;

namespace Todo.Benchmarks.Micro;

/// <summary>A todo's events folded to its state, as every update and delete does before it decides.</summary>
[MemoryDiagnoser]
public class FoldBenchmarks
{
    private TodoEvent[] events = [];

    [Params(1, 10, 100)]
    public int Events { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        TodoEvent[] changes = [new TodoTextChanged(FixtureText.Standard), new TodoCompleted(), new TodoReopened()];
        events = [new TodoCreated(FixtureText.Standard, DateTimeOffset.UnixEpoch), .. Enumerable.Range(0, Events - 1).Select(i => changes[i % changes.Length])];
    }

    [Benchmark]
    public TodoState Fold() => TodoDecider.Fold(events);
}
