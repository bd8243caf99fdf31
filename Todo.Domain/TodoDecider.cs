using Todo.Domain.Commands;
using Todo.Domain.Events;

namespace Todo.Domain;

/// <summary>The todo aggregate as a decider: pure functions from commands and events to events and state.</summary>
public static class TodoDecider
{
    public static Decision Decide(TodoCommand command, TodoState state) => (command, state) switch
    {
        (CreateTodo create, TodoState.Nonexistent) =>
            Accept(new TodoCreated(create.Text.Value, create.Now, create.Caller)),
        (CreateTodo, _) => new Decision.AlreadyExists(),
        // Another user's todo is answered as if it did not exist, so its existence never leaks.
        (UpdateTodo or DeleteTodo, TodoState.Live live) when !live.BelongsTo(command.Caller) => new Decision.NotFound(),
        (UpdateTodo update, TodoState.Live live) => new Decision.Accepted(Changes(update, live)),
        (DeleteTodo, TodoState.Live) => Accept(new TodoDeleted()),
        (UpdateTodo or DeleteTodo, TodoState.Nonexistent or TodoState.Deleted) => new Decision.NotFound(),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown command or state."),
    };

    public static TodoState Evolve(TodoState state, TodoEvent @event) => (state, @event) switch
    {
        (TodoState.Nonexistent, TodoCreated created) => new TodoState.Live(created.Text, false, created.CreatedAt, created.Owner),
        (TodoState.Live live, TodoTextChanged changed) => live with { Text = changed.Text },
        (TodoState.Live live, TodoCompleted) => live with { Completed = true },
        (TodoState.Live live, TodoReopened) => live with { Completed = false },
        (TodoState.Live live, TodoDeleted) => new TodoState.Deleted(live.Owner),
        _ => throw new InvalidOperationException($"{@event.GetType().Name} cannot follow state {state.GetType().Name}."),
    };

    public static TodoState Fold(IEnumerable<TodoEvent> events) => events.Aggregate(TodoState.Initial, Evolve);

    private static Decision.Accepted Accept(TodoEvent @event) => new([@event]);

    /// <summary>Only what differs becomes an event, so a repeated update appends nothing.</summary>
    private static List<TodoEvent> Changes(UpdateTodo update, TodoState.Live live)
    {
        var events = new List<TodoEvent>(2);
        if (update.Text is { } text && text.Value != live.Text)
            events.Add(new TodoTextChanged(text.Value));
        if (update.Completed is { } completed && completed != live.Completed)
            events.Add(completed ? new TodoCompleted() : new TodoReopened());
        return events;
    }
}
