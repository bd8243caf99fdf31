using FsCheck;
using FsCheck.Fluent;
using Todo.Commands;
using Todo.Domain;
using Todo.Domain.Commands;
using Todo.Store.Events;

namespace Todo.Tests.Commands;

/// <summary>
/// Generated commands on one todo, run at once through several instances on the in-memory store, each
/// instance's cache made stale by the others: whatever the interleaving, the stream's versions are
/// contiguous, every accepted command's events are in it exactly once, and the snapshot is the fold.
/// </summary>
public sealed class HandlerProperties
{
    private const int Cases = 60;

    private static readonly Gen<TodoCommand> Commands =
        from text in Gen.Elements("a", "b", "c").OrNull()
        from completed in Gen.Elements<bool?>(null, true, false)
        from kind in Gen.Choose(0, 9)
        select kind switch
        {
            0 => new CreateTodo(CommandHarness.Text(text ?? "a"), DateTimeOffset.UnixEpoch),
            1 => new DeleteTodo(),
            _ => (TodoCommand)CommandHarness.Update(text, completed),
        };

    /// <summary>Commands, each with the instance that runs it and, sometimes, the version it expects.</summary>
    private static readonly Gen<(int Instances, (int Instance, TodoCommand Command, long? Expected)[] Commands)> Runs =
        from instances in Gen.Choose(1, 4)
        from commands in Gen.ArrayOf(
            from instance in Gen.Choose(0, instances - 1)
            from command in Commands
            from expected in Gen.Frequency((4, Gen.Constant<long?>(null)), (1, Gen.Choose(1, 6).Select(v => (long?)v)))
            select (instance, command, expected))
        select (instances, commands);

    [Fact]
    public async Task Any_interleaving_of_concurrent_commands_gives_contiguous_versions_and_the_fold_as_snapshot()
    {
        foreach (var (instanceCount, commands) in Runs.Sample(Cases, 20))
        {
            var harness = new CommandHarness();
            var id = await harness.CreatedAsync("start");
            var instances = Enumerable.Range(0, instanceCount).Select(_ => harness.NewInstance()).ToList();
            // Each instance caches the todo before the others write.
            foreach (var instance in instances)
                await CommandHarness.RunAsync(instance, CommandHarness.Request(id, CommandHarness.Update(completed: false)));
            var what = $"{instanceCount} instances: {string.Join(", ", commands.Select(c => $"#{c.Instance} {c.Command} if {c.Expected}"))}";

            var results = await Task.WhenAll(commands.Select(c =>
                Task.Run(() => CommandHarness.RunAsync(instances[c.Instance], CommandHarness.Request(id, c.Command, c.Expected)))));

            var events = await harness.EventsAsync(id);
            Assert.True(events.Select(e => e.Version).SequenceEqual(Enumerable.Range(1, events.Count).Select(v => (long)v)), what);
            var appended = results.OfType<CommandResult.Executed>().Sum(r => r.Outcome.Decision is Decision.Accepted accepted ? accepted.Events.Count : 0);
            Assert.True(1 + appended == events.Count, $"{appended} events accepted, {events.Count - 1} stored: {what}");
            Assert.True(results.Zip(commands).All(r => r.First is CommandResult.Executed || (r.First is CommandResult.PreconditionFailed && r.Second.Expected is not null)), what);
            var snapshot = await harness.Store.ReadSnapshotAsync(id, CancellationToken.None);
            Assert.True(new Snapshot(TodoDecider.Fold(events.Select(e => e.Event)), events.Count) == snapshot, what);
        }
    }
}
