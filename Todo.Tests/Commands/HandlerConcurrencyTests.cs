using Todo.Commands;
using Todo.Domain;
using Todo.Domain.Events;
using Todo.Store.Events;

namespace Todo.Tests.Commands;

/// <summary>
/// The handler on the in-memory store: concurrent commands, and instances whose caches another instance's
/// writes make stale. A stale cache may cost a failed write, never a lost, reordered or wrongly refused update.
/// </summary>
public sealed class HandlerConcurrencyTests
{
    private readonly CommandHarness harness = new();

    /// <summary>A todo at version 3 ("two"), written last by instance B, while instance A still holds it at version 2 ("one").</summary>
    private async Task<(TodoCommandHandler A, TodoCommandHandler B, Guid Id)> StaleAsync(string text)
    {
        var (a, b) = (harness.NewInstance(), harness.NewInstance());
        var id = await harness.CreatedAsync(text);
        CommandHarness.Executed(await CommandHarness.RunAsync(a, CommandHarness.Request(id, CommandHarness.Update("one"))));
        CommandHarness.Executed(await CommandHarness.RunAsync(b, CommandHarness.Request(id, CommandHarness.Update("two"))));
        return (a, b, id);
    }

    private static Task<CommandResult> UpdateAsync(TodoCommandHandler instance, Guid id, string? text = null, bool? completed = null, long? expected = null) =>
        CommandHarness.RunAsync(instance, CommandHarness.Request(id, CommandHarness.Update(text, completed), expected));

    [Fact]
    public async Task Parallel_updates_through_instances_with_stale_caches_land_once_each_in_order_with_true_snapshots()
    {
        const int updates = 50;
        var instances = Enumerable.Range(0, 5).Select(_ => harness.NewInstance()).ToList();
        var id = await harness.CreatedAsync("Contended");
        foreach (var (instance, i) in instances.Select((x, i) => (x, i)))
            CommandHarness.Executed(await UpdateAsync(instance, id, $"warm {i}"));

        var results = await Task.WhenAll(Enumerable.Range(1, updates).Select(i => Task.Run(() => UpdateAsync(instances[i % instances.Count], id, $"edit {i}"))));

        var events = await harness.EventsAsync(id);
        var last = 1 + instances.Count + updates;
        Assert.Equal(Enumerable.Range(1, last).Select(v => (long)v), events.Select(e => e.Version));
        foreach (var (result, i) in results.Select((r, i) => (r, i + 1)))
        {
            var outcome = CommandHarness.Executed(result);
            Assert.Equal($"edit {i}", Assert.IsType<TodoState.Live>(outcome.State).Text);
            Assert.Equal(new TodoTextChanged($"edit {i}"), events[(int)outcome.Version - 1].Event);
        }
        Assert.Equal(new Snapshot(TodoDecider.Fold(events.Select(e => e.Event)), last), await harness.Store.ReadSnapshotAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task An_update_a_stale_cache_thinks_unchanged_is_written_on_the_fresh_state()
    {
        var (a, _, id) = await StaleAsync("Unchanged?");

        // A's cache still says "one": answered from it, this would lose B's change silently.
        var outcome = CommandHarness.Executed(await UpdateAsync(a, id, "one"));

        Assert.Equal((4L, "one"), (outcome.Version, Assert.IsType<TodoState.Live>(outcome.State).Text));
        var events = await harness.EventsAsync(id);
        Assert.Equal(4, events.Count);
        Assert.Equal(new TodoTextChanged("one"), events[^1].Event);
    }

    [Fact]
    public async Task An_update_that_is_unchanged_only_on_the_fresh_state_writes_nothing()
    {
        var (a, _, id) = await StaleAsync("Unchanged after all");

        var outcome = CommandHarness.Executed(await UpdateAsync(a, id, "two"));

        Assert.Equal((3L, "two"), (outcome.Version, Assert.IsType<TodoState.Live>(outcome.State).Text));
        Assert.Equal(3, (await harness.EventsAsync(id)).Count);
    }

    [Fact]
    public async Task An_expected_version_that_is_true_succeeds_on_a_stale_cache_and_a_stale_one_still_fails()
    {
        var (a, b, id) = await StaleAsync("Guarded across instances");

        var current = CommandHarness.Executed(await UpdateAsync(a, id, completed: true, expected: 3));
        await UpdateAsync(b, id, "three");
        var stale = await UpdateAsync(a, id, completed: false, expected: 4);

        Assert.Equal(4, current.Version);
        // Its cache said 4, so it learned of 5 from the failed write.
        Assert.Equal(new CommandResult.PreconditionFailed(5) { ConflictRetries = 1 }, stale);
        Assert.Equal(5, (await harness.EventsAsync(id)).Count);
    }

    [Fact]
    public async Task A_todo_deleted_by_another_instance_is_not_found_not_updated()
    {
        var a = harness.NewInstance();
        var id = await harness.CreatedAsync("Deleted elsewhere");
        await UpdateAsync(a, id, "cached");
        CommandHarness.Executed(await CommandHarness.RunAsync(harness.NewInstance(), CommandHarness.Request(id, new Todo.Domain.Commands.DeleteTodo())));

        var outcome = CommandHarness.Executed(await UpdateAsync(a, id, completed: true));

        Assert.IsType<Decision.NotFound>(outcome.Decision);
        var events = await harness.EventsAsync(id);
        Assert.Equal(3, events.Count);
        Assert.IsType<TodoDeleted>(events[^1].Event);
    }

    [Fact]
    public async Task A_create_reads_nothing_a_cold_update_reads_the_snapshot_once_and_a_warm_one_only_writes()
    {
        var store = new ObservedEventStore(harness.Store);
        var instance = harness.NewInstance(store);
        var id = Guid.NewGuid();

        await CommandHarness.RunAsync(instance, CommandHarness.Request(id, harness.Create("Counted")));
        var create = store.Calls.ToList();
        var other = harness.NewInstance(store);
        await CommandHarness.RunAsync(other, CommandHarness.Request(id, CommandHarness.Update(completed: true)));
        var cold = store.Calls.Skip(create.Count).ToList();
        await CommandHarness.RunAsync(other, CommandHarness.Request(id, CommandHarness.Update("Warm")));
        var warm = store.Calls.Skip(create.Count + cold.Count).ToList();

        Assert.Equal(["AppendAsync"], create);
        Assert.Equal(["ReadSnapshotAsync", "AppendAsync"], cold);
        Assert.Equal(["AppendAsync"], warm);
        Assert.Equal(3, (await harness.EventsAsync(id)).Count);
    }

    [Fact]
    public async Task A_conflict_is_caught_up_from_the_winner_without_another_read()
    {
        var id = await harness.CreatedAsync("Contested");
        var store = new ObservedEventStore(harness.Store);
        // Another writer appends between this command's read and its write, once.
        store.BeforeNextAppend = () => UpdateAsync(harness.NewInstance(), id, "Got there first");

        var result = await UpdateAsync(harness.NewInstance(store), id, completed: true);

        var outcome = CommandHarness.Executed(result);
        Assert.Equal(1, result.ConflictRetries);
        Assert.Equal(["ReadSnapshotAsync", "AppendAsync", "AppendAsync"], store.Calls);
        Assert.Equal(new TodoState.Live("Got there first", true, harness.Clock.GetUtcNow()), outcome.State);
        Assert.Equal([1L, 2, 3], (await harness.EventsAsync(id)).Select(e => e.Version));
    }
}
