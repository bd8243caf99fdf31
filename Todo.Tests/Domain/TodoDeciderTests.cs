using AutoFixture.Xunit2;
using Todo.Domain;
using Todo.Domain.Commands;
using Todo.Domain.Events;

namespace Todo.Tests.Domain;

public class TodoDeciderTests
{
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static TodoText Text(string raw) =>
        TodoText.Parse(raw, out var error) ?? throw new InvalidOperationException($"'{raw}' is not a valid text: {error}");

    private static TodoState.Live Live(string text = "Buy milk", bool completed = false) => new(text, completed, CreatedAt);

    public static TheoryData<TodoState> ExistingStates => new() { Live(), Live(completed: true), new TodoState.Deleted() };

    public static TheoryData<TodoState> AbsentStates => new() { new TodoState.Nonexistent(), new TodoState.Deleted() };

    private static IReadOnlyList<TodoEvent> Accepted(Decision decision) =>
        Assert.IsType<Decision.Accepted>(decision).Events;

    // --- Create ---

    [Theory, AutoData]
    public void Create_on_nonexistent_emits_TodoCreated_with_the_text_and_time(string raw, DateTimeOffset now)
    {
        var decision = TodoDecider.Decide(new CreateTodo(Text(raw), now), TodoState.Initial);

        var created = Assert.IsType<TodoCreated>(Assert.Single(Accepted(decision)));
        Assert.Equal(raw, created.Text);
        Assert.Equal(now, created.CreatedAt);
    }

    [Fact]
    public void Create_keeps_the_trimmed_text()
    {
        var decision = TodoDecider.Decide(new CreateTodo(Text("  Buy milk \t"), CreatedAt), new TodoState.Nonexistent());

        Assert.Equal(new TodoCreated("Buy milk", CreatedAt), Assert.Single(Accepted(decision)));
    }

    [Theory]
    [MemberData(nameof(ExistingStates))]
    public void Create_on_an_existing_or_deleted_todo_is_AlreadyExists(TodoState state)
    {
        var decision = TodoDecider.Decide(new CreateTodo(Text("Other"), CreatedAt), state);

        Assert.IsType<Decision.AlreadyExists>(decision);
    }

    // --- Update ---

    [Fact]
    public void Update_text_only_emits_TodoTextChanged()
    {
        var decision = TodoDecider.Decide(new UpdateTodo(Text("Buy oat milk"), null), Live());

        Assert.Equal([new TodoTextChanged("Buy oat milk")], Accepted(decision));
    }

    [Fact]
    public void Update_completed_true_on_open_todo_emits_TodoCompleted()
    {
        var decision = TodoDecider.Decide(new UpdateTodo(null, true), Live(completed: false));

        Assert.Equal([new TodoCompleted()], Accepted(decision));
    }

    [Fact]
    public void Update_completed_false_on_done_todo_emits_TodoReopened()
    {
        var decision = TodoDecider.Decide(new UpdateTodo(null, false), Live(completed: true));

        Assert.Equal([new TodoReopened()], Accepted(decision));
    }

    [Fact]
    public void Update_text_and_completed_emits_TextChanged_then_Completed()
    {
        var decision = TodoDecider.Decide(new UpdateTodo(Text("Buy oat milk"), true), Live(completed: false));

        Assert.Equal([new TodoTextChanged("Buy oat milk"), new TodoCompleted()], Accepted(decision));
    }

    [Fact]
    public void Update_text_and_reopen_emits_TextChanged_then_Reopened()
    {
        var decision = TodoDecider.Decide(new UpdateTodo(Text("Buy oat milk"), false), Live(completed: true));

        Assert.Equal([new TodoTextChanged("Buy oat milk"), new TodoReopened()], Accepted(decision));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Update_with_the_same_values_emits_no_events(bool completed)
    {
        var decision = TodoDecider.Decide(new UpdateTodo(Text("Buy milk"), completed), Live("Buy milk", completed));

        Assert.Empty(Accepted(decision));
    }

    [Fact]
    public void Update_with_no_fields_emits_no_events()
    {
        var decision = TodoDecider.Decide(new UpdateTodo(null, null), Live());

        Assert.Empty(Accepted(decision));
    }

    [Fact]
    public void Update_with_same_text_but_new_completion_emits_only_the_completion()
    {
        var decision = TodoDecider.Decide(new UpdateTodo(Text("Buy milk"), true), Live("Buy milk", false));

        Assert.Equal([new TodoCompleted()], Accepted(decision));
    }

    [Fact]
    public void Update_with_new_text_but_same_completion_emits_only_the_text_change()
    {
        var decision = TodoDecider.Decide(new UpdateTodo(Text("Buy bread"), true), Live("Buy milk", true));

        Assert.Equal([new TodoTextChanged("Buy bread")], Accepted(decision));
    }

    [Theory]
    [MemberData(nameof(AbsentStates))]
    public void Update_on_nonexistent_or_deleted_is_NotFound(TodoState state)
    {
        var decision = TodoDecider.Decide(new UpdateTodo(Text("Buy bread"), true), state);

        Assert.IsType<Decision.NotFound>(decision);
    }

    // --- Delete ---

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Delete_on_live_emits_TodoDeleted(bool completed)
    {
        var decision = TodoDecider.Decide(new DeleteTodo(), Live(completed: completed));

        Assert.Equal([new TodoDeleted()], Accepted(decision));
    }

    [Theory]
    [MemberData(nameof(AbsentStates))]
    public void Delete_on_nonexistent_or_deleted_is_NotFound(TodoState state)
    {
        var decision = TodoDecider.Decide(new DeleteTodo(), state);

        Assert.IsType<Decision.NotFound>(decision);
    }

    // --- Evolve ---

    [Theory, AutoData]
    public void Evolve_created_makes_an_open_live_todo(string text, DateTimeOffset createdAt)
    {
        var state = TodoDecider.Evolve(TodoState.Initial, new TodoCreated(text, createdAt));

        Assert.Equal(new TodoState.Live(text, false, createdAt), state);
    }

    [Theory, AutoData]
    public void Evolve_text_changed_replaces_only_the_text(string text)
    {
        var state = TodoDecider.Evolve(Live("Old", completed: true), new TodoTextChanged(text));

        Assert.Equal(new TodoState.Live(text, true, CreatedAt), state);
    }

    [Fact]
    public void Evolve_completed_marks_the_todo_done()
    {
        Assert.Equal(Live(completed: true), TodoDecider.Evolve(Live(completed: false), new TodoCompleted()));
    }

    [Fact]
    public void Evolve_reopened_marks_the_todo_open()
    {
        Assert.Equal(Live(completed: false), TodoDecider.Evolve(Live(completed: true), new TodoReopened()));
    }

    [Fact]
    public void Evolve_deleted_makes_a_deleted_todo()
    {
        Assert.IsType<TodoState.Deleted>(TodoDecider.Evolve(Live(), new TodoDeleted()));
    }

    public static TheoryData<TodoState, TodoEvent> ImpossibleSequences => new()
    {
        { new TodoState.Nonexistent(), new TodoTextChanged("x") },
        { new TodoState.Nonexistent(), new TodoCompleted() },
        { new TodoState.Nonexistent(), new TodoReopened() },
        { new TodoState.Nonexistent(), new TodoDeleted() },
        { Live(), new TodoCreated("x", CreatedAt) },
        { new TodoState.Deleted(), new TodoCreated("x", CreatedAt) },
        { new TodoState.Deleted(), new TodoTextChanged("x") },
        { new TodoState.Deleted(), new TodoCompleted() },
        { new TodoState.Deleted(), new TodoReopened() },
        { new TodoState.Deleted(), new TodoDeleted() },
    };

    [Theory]
    [MemberData(nameof(ImpossibleSequences))]
    public void Evolve_rejects_an_event_that_cannot_follow_the_state(TodoState state, TodoEvent @event)
    {
        var error = Assert.Throws<InvalidOperationException>(() => TodoDecider.Evolve(state, @event));

        Assert.Contains(@event.GetType().Name, error.Message);
    }

    // --- Fold ---

    [Fact]
    public void Fold_of_no_events_is_nonexistent()
    {
        Assert.IsType<TodoState.Nonexistent>(TodoDecider.Fold([]));
    }

    [Fact]
    public void Fold_applies_a_full_history_in_order()
    {
        TodoEvent[] history =
        [
            new TodoCreated("Buy milk", CreatedAt),
            new TodoTextChanged("Buy oat milk"),
            new TodoCompleted(),
            new TodoReopened(),
            new TodoTextChanged("Buy almond milk"),
            new TodoCompleted(),
        ];

        Assert.Equal(new TodoState.Live("Buy almond milk", true, CreatedAt), TodoDecider.Fold(history));
        Assert.IsType<TodoState.Deleted>(TodoDecider.Fold([.. history, new TodoDeleted()]));
    }

    [Fact]
    public void Fold_of_an_impossible_history_throws()
    {
        Assert.Throws<InvalidOperationException>(() =>
            TodoDecider.Fold([new TodoCreated("a", CreatedAt), new TodoDeleted(), new TodoCompleted()]));
    }

    [Fact]
    public void Deciding_on_the_folded_events_of_a_decision_is_consistent()
    {
        // Decide → evolve → decide again: a repeated update is a no-op once its events are applied.
        var state = TodoDecider.Fold([new TodoCreated("Buy milk", CreatedAt)]);
        var update = new UpdateTodo(Text("Buy bread"), true);

        var events = Accepted(TodoDecider.Decide(update, state));
        var after = events.Aggregate(state, TodoDecider.Evolve);

        Assert.Equal(new TodoState.Live("Buy bread", true, CreatedAt), after);
        Assert.Empty(Accepted(TodoDecider.Decide(update, after)));
    }
}
