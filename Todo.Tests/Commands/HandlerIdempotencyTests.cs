using Todo.Commands;
using Todo.Domain;
using Todo.Domain.Commands;
using Todo.Domain.Events;

namespace Todo.Tests.Commands;

/// <summary>The handler on the in-memory store: a request retried with its idempotency key has exactly one effect and gets the first answer.</summary>
public sealed class HandlerIdempotencyTests
{
    private readonly CommandHarness harness = new();

    private Task<CommandResult> RunAsync(Guid id, TodoCommand command, string key, TodoCommandHandler? instance = null) =>
        CommandHarness.RunAsync(instance ?? harness.NewInstance(), CommandHarness.Request(id, command, key: key));

    private static string Replayed(CommandResult result) => Assert.IsType<CommandResult.Replayed>(result).Record.Data;

    [Fact]
    public async Task Concurrent_duplicates_have_one_effect_and_all_get_its_answer()
    {
        var id = Guid.NewGuid();
        var create = harness.Create("Raced");
        var key = Guid.NewGuid().ToString();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => RunAsync(id, create, key))));

        var executed = Assert.Single(results.OfType<CommandResult.Executed>());
        Assert.All(results.Where(r => r != executed), r => Assert.Equal(CommandHarness.Render(executed.Outcome), Replayed(r)));
        Assert.Single(await harness.EventsAsync(id));
    }

    [Fact]
    public async Task A_key_reused_for_another_command_or_another_todo_is_refused_and_writes_nothing()
    {
        var id = await harness.CreatedAsync("First target");
        var other = await harness.CreatedAsync("Second target");
        var key = Guid.NewGuid().ToString();
        await RunAsync(id, CommandHarness.Update(completed: true), key);

        var otherCommand = await RunAsync(id, CommandHarness.Update("First target", completed: true), key);
        var otherTodo = await RunAsync(other, CommandHarness.Update(completed: true), key);

        Assert.Equal(new CommandResult.KeyReused(), otherCommand);
        Assert.Equal(new CommandResult.KeyReused(), otherTodo);
        Assert.Equal((2, 1), ((await harness.EventsAsync(id)).Count, (await harness.EventsAsync(other)).Count));
    }

    [Fact]
    public async Task A_repeated_update_replays_even_after_the_todo_moved_on()
    {
        var id = await harness.CreatedAsync("Moving");
        var key = Guid.NewGuid().ToString();
        var instance = harness.NewInstance();
        var first = CommandHarness.Executed(await RunAsync(id, CommandHarness.Update(completed: true), key, instance));
        CommandHarness.Executed(await CommandHarness.RunAsync(instance, CommandHarness.Request(id, CommandHarness.Update(completed: false))));

        // On the state now, the same command would append again: the record, met by the failed write, stops it.
        var again = await RunAsync(id, CommandHarness.Update(completed: true), key, instance);

        Assert.Equal(CommandHarness.Render(first), Replayed(again));
        Assert.Equal(3, (await harness.EventsAsync(id)).Count);
    }

    [Fact]
    public async Task A_repeated_delete_replays_its_answer_instead_of_not_found()
    {
        var id = await harness.CreatedAsync("Deleted once");
        var key = Guid.NewGuid().ToString();

        var first = CommandHarness.Executed(await RunAsync(id, new DeleteTodo(), key));
        var again = await RunAsync(id, new DeleteTodo(), key);
        var unkeyed = CommandHarness.Executed(await CommandHarness.RunAsync(harness.NewInstance(), CommandHarness.Request(id, new DeleteTodo())));

        Assert.IsType<Decision.Accepted>(first.Decision);
        Assert.Equal(CommandHarness.Render(first), Replayed(again));
        Assert.IsType<Decision.NotFound>(unkeyed.Decision);
        Assert.IsType<TodoDeleted>((await harness.EventsAsync(id))[^1].Event);
    }

    /// <summary>The record's own expiry is what counts (TTL may take days to remove it), read against the handler's clock.</summary>
    [Fact]
    public async Task An_expired_record_no_longer_replays()
    {
        var key = Guid.NewGuid().ToString();
        var id = Guid.NewGuid();
        var create = harness.Create("Short memory");

        var first = CommandHarness.Executed(await RunAsync(id, create, key));
        harness.Clock.Advance(CommandHarness.Expiry);
        var atExpiry = await RunAsync(id, create, key);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterExpiry = CommandHarness.Executed(await RunAsync(id, create, key));

        // Valid through the whole second it expires in, as Powertools reads it.
        Assert.Equal(CommandHarness.Render(first), Replayed(atExpiry));
        Assert.IsType<Decision.AlreadyExists>(afterExpiry.Decision);
        Assert.Single(await harness.EventsAsync(id));
    }

    /// <summary>A request that writes nothing finds its record by lookup; past the expiry the lookup no longer counts it.</summary>
    [Fact]
    public async Task An_expired_record_is_not_replayed_for_a_request_that_writes_nothing()
    {
        var id = await harness.CreatedAsync("Deleted with a key");
        var key = Guid.NewGuid().ToString();

        var first = CommandHarness.Executed(await RunAsync(id, new DeleteTodo(), key));
        harness.Clock.Advance(CommandHarness.Expiry);
        var atExpiry = await RunAsync(id, new DeleteTodo(), key);
        harness.Clock.Advance(TimeSpan.FromSeconds(1));
        var afterExpiry = CommandHarness.Executed(await RunAsync(id, new DeleteTodo(), key));

        Assert.Equal(CommandHarness.Render(first), Replayed(atExpiry));
        Assert.IsType<Decision.NotFound>(afterExpiry.Decision);
    }

    /// <summary>An update that changes nothing writes its record alone, so its retry replays rather than being decided again.</summary>
    [Fact]
    public async Task An_update_that_changes_nothing_keeps_its_answer_too()
    {
        var id = await harness.CreatedAsync("Unchanged");
        var key = Guid.NewGuid().ToString();

        var first = CommandHarness.Executed(await RunAsync(id, CommandHarness.Update("Unchanged"), key));
        var again = await RunAsync(id, CommandHarness.Update("Unchanged"), key);

        Assert.Equal(1, first.Version);
        Assert.Equal(CommandHarness.Render(first), Replayed(again));
        Assert.Single(await harness.EventsAsync(id));
    }

    /// <summary>A function that dies after its append committed: the retry with the same key gets the kept answer, and the effect happened once.</summary>
    [Fact]
    public async Task A_retry_after_a_crash_after_the_append_replays_and_there_is_exactly_one_effect()
    {
        var store = new ObservedEventStore(harness.Store) { AfterNextAppend = new OperationCanceledException("The function was stopped after the write.") };
        var id = Guid.NewGuid();
        var create = harness.Create("Survives a crash");
        var key = Guid.NewGuid().ToString();

        await Assert.ThrowsAsync<OperationCanceledException>(() => RunAsync(id, create, key, harness.NewInstance(store)));
        var retry = await RunAsync(id, create, key);

        Assert.Equal(CommandHarness.Render(new CommandOutcome(new Decision.Accepted([new TodoCreated("Survives a crash", create.Now)]),
            new TodoState.Live("Survives a crash", false, create.Now), 1)), Replayed(retry));
        Assert.Single(await harness.EventsAsync(id));
    }
}
