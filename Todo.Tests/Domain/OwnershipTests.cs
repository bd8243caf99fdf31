using Todo.Domain;
using Todo.Domain.Commands;
using Todo.Domain.Events;

namespace Todo.Tests.Domain;

/// <summary>A todo belongs to the user who created it: to anyone else it does not exist. Without users, every todo is the shared list's.</summary>
public sealed class OwnershipTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 1, 0, 0, TimeSpan.Zero);
    private const string Alice = "a1b2c3d4-0000-4000-8000-000000000001";
    private const string Bob = "a1b2c3d4-0000-4000-8000-000000000002";

    private static TodoText Text(string raw) => TodoText.Parse(raw, out _)!;

    [Fact]
    public void The_creator_is_recorded_in_the_creation_event_and_stays_with_the_todo_to_its_deletion()
    {
        var created = Assert.IsType<TodoCreated>(Assert.Single(Assert.IsType<Decision.Accepted>(TodoDecider.Decide(new CreateTodo(Text("Mine"), Now, Alice), TodoState.Initial)).Events));
        var live = TodoDecider.Evolve(TodoState.Initial, created);
        var deleted = TodoDecider.Evolve(live, new TodoDeleted());

        Assert.Equal(Alice, created.Owner);
        Assert.Equal(Alice, live.Owner);
        Assert.Equal(Alice, deleted.Owner);
        Assert.True(live.BelongsTo(Alice));
        Assert.False(live.BelongsTo(Bob));
        Assert.False(live.BelongsTo(null));
    }

    public static TheoryData<TodoCommand> OthersCommands => new()
    {
        new UpdateTodo(Text("Taken over"), true, Bob),
        new UpdateTodo(null, false, Bob),
        new DeleteTodo(Bob),
        new DeleteTodo(),
    };

    [Theory]
    [MemberData(nameof(OthersCommands))]
    public void Another_callers_update_or_delete_is_not_found_as_for_no_todo(TodoCommand command)
    {
        var alices = new TodoState.Live("Mine", false, Now, Alice);

        Assert.IsType<Decision.NotFound>(TodoDecider.Decide(command, alices));
    }

    [Fact]
    public void A_todo_of_the_shared_list_is_the_open_APIs_and_no_users()
    {
        var shared = TodoDecider.Fold([new TodoCreated("From before users", Now)]);

        Assert.Null(shared.Owner);
        Assert.IsType<Decision.Accepted>(TodoDecider.Decide(new DeleteTodo(), shared));
        Assert.IsType<Decision.NotFound>(TodoDecider.Decide(new DeleteTodo(Alice), shared));
    }

    [Fact]
    public void The_owner_changes_their_own_todo()
    {
        var alices = new TodoState.Live("Mine", false, Now, Alice);

        var events = Assert.IsType<Decision.Accepted>(TodoDecider.Decide(new UpdateTodo(null, true, Alice), alices)).Events;

        Assert.IsType<TodoCompleted>(Assert.Single(events));
    }
}
