using Todo.Commands;
using Todo.Domain;
using Todo.Domain.Commands;

namespace Todo.Tests.Commands;

/// <summary>The handler on the in-memory store: a command with an expected version (If-Match) applies only at that version.</summary>
public sealed class HandlerPreconditionTests
{
    private readonly CommandHarness harness = new();

    private Task<CommandResult> RunAsync(Guid id, TodoCommand command, long? expected) =>
        CommandHarness.RunAsync(harness.NewInstance(), CommandHarness.Request(id, command, expected));

    [Fact]
    public async Task The_current_version_applies_and_a_stale_one_fails_with_the_current_version_and_writes_nothing()
    {
        var id = await harness.CreatedAsync("Guarded");
        var applied = CommandHarness.Executed(await RunAsync(id, CommandHarness.Update("Guarded v2"), 1));

        var stale = await RunAsync(id, CommandHarness.Update("Lost update"), 1);
        var staleDelete = await RunAsync(id, new DeleteTodo(), 1);
        var delete = CommandHarness.Executed(await RunAsync(id, new DeleteTodo(), 2));

        Assert.Equal(2, applied.Version);
        Assert.Equal(new CommandResult.PreconditionFailed(2), stale);
        Assert.Equal(new CommandResult.PreconditionFailed(2), staleDelete);
        Assert.IsType<TodoState.Deleted>(delete.State);
        Assert.Equal(3, (await harness.EventsAsync(id)).Count);
    }

    /// <summary>RFC 9110 13.2.1: a request that would fail without its precondition ignores it.</summary>
    [Fact]
    public async Task An_expected_version_on_a_deleted_or_unknown_todo_is_ignored_so_it_is_not_found()
    {
        var id = await harness.CreatedAsync("Gone soon");
        CommandHarness.Executed(await RunAsync(id, new DeleteTodo(), 1));

        var results = new[]
        {
            await RunAsync(id, new DeleteTodo(), 1),
            await RunAsync(id, CommandHarness.Update(completed: true), 2),
            await RunAsync(Guid.NewGuid(), CommandHarness.Update(completed: true), 1),
        };

        Assert.All(results, r => Assert.IsType<Decision.NotFound>(CommandHarness.Executed(r).Decision));
        Assert.Equal(2, (await harness.EventsAsync(id)).Count);
    }

    /// <summary>Another writer takes the version between the read and the write: the conflict is the precondition failing, not a retry.</summary>
    [Fact]
    public async Task A_conflict_on_a_command_with_an_expected_version_fails_it_with_the_winners_version()
    {
        var id = await harness.CreatedAsync("Raced");
        var store = new ObservedEventStore(harness.Store)
        {
            BeforeNextAppend = () => CommandHarness.RunAsync(harness.NewInstance(), CommandHarness.Request(id, CommandHarness.Update("Won"))),
        };

        var result = await CommandHarness.RunAsync(harness.NewInstance(store), CommandHarness.Request(id, CommandHarness.Update(completed: true), 1));

        Assert.Equal(new CommandResult.PreconditionFailed(2) { ConflictRetries = 1 }, result);
        Assert.Equal(2, (await harness.EventsAsync(id)).Count);
    }
}
