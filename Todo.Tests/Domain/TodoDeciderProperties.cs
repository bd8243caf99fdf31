using FsCheck;
using FsCheck.Fluent;
using Todo.Domain;
using Todo.Domain.Commands;
using Todo.Domain.Events;

namespace Todo.Tests.Domain;

/// <summary>The decider's laws over generated commands, from any state a history of commands reaches.</summary>
public sealed class TodoDeciderProperties
{
    private static readonly DateTimeOffset Epoch = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Few texts and callers, so updates often change nothing and commands often come from another user.</summary>
    private static readonly Gen<TodoCommand> Commands =
        from caller in Gen.Elements<string?>(null, "user-1")
        from text in Gen.Elements("a", "b", "c").OrNull()
        from completed in Gen.Elements<bool?>(null, true, false)
        from minutes in Gen.Choose(0, 1000)
        from kind in Gen.Choose(0, 4)
        select kind switch
        {
            0 => new CreateTodo(Text(text ?? "a"), Epoch.AddMinutes(minutes), caller),
            1 => new DeleteTodo(caller),
            _ => (TodoCommand)new UpdateTodo(text is null ? null : Text(text), completed, caller),
        };

    private static readonly Arbitrary<(TodoCommand[] History, TodoCommand[] Commands)> Histories =
        Gen.Zip(Gen.ArrayOf(Commands), Gen.ArrayOf(Commands)).ToArbitrary();

    private static TodoText Text(string raw) => TodoText.Parse(raw, out _)!;

    /// <summary>The state a history of commands leaves, each decided on the state the ones before it left.</summary>
    private static TodoState Reached(IEnumerable<TodoCommand> history) =>
        history.Aggregate(TodoState.Initial, (state, command) => EventsOf(TodoDecider.Decide(command, state)).Aggregate(state, TodoDecider.Evolve));

    private static IReadOnlyList<TodoEvent> EventsOf(Decision decision) => decision is Decision.Accepted accepted ? accepted.Events : [];

    /// <summary>Each command's events evolved one by one, from the state a history leaves, are the fold of the whole stream; and each accepted command leaves the state it asked for.</summary>
    [Fact]
    public void Deciding_and_evolving_step_by_step_gives_the_fold_of_every_event()
    {
        Prop.ForAll(Histories, run =>
        {
            var stream = new List<TodoEvent>();
            var state = TodoState.Initial;
            foreach (var command in run.History.Concat(run.Commands))
            {
                var decision = TodoDecider.Decide(command, state);
                var events = EventsOf(decision);
                var after = events.Aggregate(state, TodoDecider.Evolve);
                if (decision is Decision.Accepted)
                    Assert.Equal(Intended(command, state), after);
                else
                    Assert.Empty(events);
                stream.AddRange(events);
                state = after;
                Assert.Equal(TodoDecider.Fold(stream), state);
            }
        }).QuickCheckThrowOnFailure();
    }

    /// <summary>What an accepted command leaves the todo as, said apart from the decider.</summary>
    private static TodoState Intended(TodoCommand command, TodoState before) => (command, before) switch
    {
        (CreateTodo create, _) => new TodoState.Live(create.Text.Value, false, create.Now, create.Caller),
        (UpdateTodo update, TodoState.Live live) => live with { Text = update.Text?.Value ?? live.Text, Completed = update.Completed ?? live.Completed },
        (DeleteTodo, _) => new TodoState.Deleted(before.Owner),
        _ => throw new InvalidOperationException($"{command} was accepted on {before}."),
    };

    /// <summary>
    /// An update is idempotent: decided again on the state it left, it is accepted with no event. A create or a
    /// delete is not accepted twice, so it adds none either.
    /// </summary>
    [Fact]
    public void Deciding_a_command_again_on_its_own_result_adds_no_event()
    {
        Prop.ForAll(Histories, run =>
        {
            var state = Reached(run.History);
            foreach (var command in run.Commands)
            {
                var once = TodoDecider.Decide(command, state);
                var after = EventsOf(once).Aggregate(state, TodoDecider.Evolve);
                var again = TodoDecider.Decide(command, after);

                Assert.Empty(EventsOf(again));
                if (once is Decision.Accepted)
                    Assert.IsType(command switch
                    {
                        UpdateTodo => typeof(Decision.Accepted),
                        CreateTodo => typeof(Decision.AlreadyExists),
                        _ => typeof(Decision.NotFound),
                    }, again);
                state = after;
            }
        }).QuickCheckThrowOnFailure();
    }
}
