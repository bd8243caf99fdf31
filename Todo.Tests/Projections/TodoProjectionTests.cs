using Todo.ReadModel;
using AutoFixture.Xunit2;
using Todo.Domain.Events;
using Todo.Store.Events;

namespace Todo.Tests.Projections;

/// <summary>The projection as a pure function: each stored event → the one change it makes to its todo's read item.</summary>
public class TodoProjectionTests
{
    private static readonly Guid TodoId = Guid.Parse("7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11");
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static ReadModelChange Project(TodoEvent @event, long version) =>
        TodoProjection.Project(new StoredEvent(TodoId, version, @event, CreatedAt.AddMinutes(1), $"cmd-{version}"));

    [Fact]
    public void Created_sets_text_open_and_creation_time()
    {
        var change = Project(new TodoCreated("Buy milk", CreatedAt), 1);

        Assert.Equal(new ReadModelChange(TodoId, 1) { Text = "Buy milk", Completed = false, CreatedAt = CreatedAt, Deleted = false }, change);
    }

    [Theory, AutoData]
    public void Created_uses_the_events_creation_time_not_when_it_was_stored(Guid todoId, string text, DateTimeOffset createdAt, DateTimeOffset occurredAt)
    {
        var change = TodoProjection.Project(new StoredEvent(todoId, 1, new TodoCreated(text, createdAt), occurredAt, "c"));

        Assert.Equal(new ReadModelChange(todoId, 1) { Text = text, Completed = false, CreatedAt = createdAt }, change);
    }

    [Fact]
    public void Text_changed_sets_only_the_text()
    {
        var change = Project(new TodoTextChanged("Buy oat milk"), 2);

        Assert.Equal(new ReadModelChange(TodoId, 2) { Text = "Buy oat milk" }, change);
        Assert.Null(change.Completed);
        Assert.Null(change.CreatedAt);
        Assert.False(change.Deleted);
    }

    [Fact]
    public void Completed_sets_only_completed_true()
    {
        Assert.Equal(new ReadModelChange(TodoId, 3) { Completed = true }, Project(new TodoCompleted(), 3));
    }

    [Fact]
    public void Reopened_sets_only_completed_false()
    {
        Assert.Equal(new ReadModelChange(TodoId, 4) { Completed = false }, Project(new TodoReopened(), 4));
    }

    [Fact]
    public void Deleted_marks_only_the_tombstone()
    {
        var change = Project(new TodoDeleted(), 5);

        Assert.Equal(new ReadModelChange(TodoId, 5) { Deleted = true }, change);
        Assert.Null(change.Text);
        Assert.Null(change.Completed);
        Assert.Null(change.CreatedAt);
    }

    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(long.MaxValue)]
    public void The_change_carries_the_events_todo_and_version(long version)
    {
        var change = Project(new TodoCompleted(), version);

        Assert.Equal(TodoId, change.TodoId);
        Assert.Equal(version, change.Version);
    }

    [Fact]
    public void An_unknown_event_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Project(new UnknownEvent(), 1));
    }

    [Fact]
    public void Consecutive_changes_coalesce_into_one_on_top_of_the_version_before_the_first()
    {
        var change = new[] { Project(new TodoCreated("Buy milk", CreatedAt), 1), Project(new TodoTextChanged("Buy oat milk"), 2), Project(new TodoCompleted(), 3) }
            .Aggregate((first, next) => TodoProjection.Coalesce(first, next)!);

        Assert.Equal(new ReadModelChange(TodoId, 3) { Text = "Buy oat milk", Completed = true, CreatedAt = CreatedAt, Events = 3 }, change);
        Assert.Equal(0, change.PreviousVersion);
    }

    [Fact]
    public void A_later_value_wins_and_an_unset_one_keeps_the_earlier()
    {
        var change = TodoProjection.Coalesce(Project(new TodoTextChanged("Buy oat milk"), 4), Project(new TodoReopened(), 5));

        Assert.Equal(new ReadModelChange(TodoId, 5) { Text = "Buy oat milk", Completed = false, Events = 2 }, change);
        Assert.Equal(3, change!.PreviousVersion);
    }

    [Fact]
    public void A_delete_coalesces_after_other_changes_but_nothing_coalesces_after_it()
    {
        var deleted = TodoProjection.Coalesce(Project(new TodoCreated("Gone", CreatedAt), 1), Project(new TodoDeleted(), 2));

        Assert.Equal(new ReadModelChange(TodoId, 2) { Text = "Gone", Completed = false, CreatedAt = CreatedAt, Deleted = true, Events = 2 }, deleted);
        Assert.Null(TodoProjection.Coalesce(deleted!, Project(new TodoCompleted(), 3)));
    }

    [Fact]
    public void Changes_that_do_not_follow_directly_in_one_todo_do_not_coalesce()
    {
        var second = Project(new TodoCompleted(), 2);

        Assert.Null(TodoProjection.Coalesce(second, Project(new TodoReopened(), 4)));
        Assert.Null(TodoProjection.Coalesce(second, Project(new TodoReopened(), 2)));
        Assert.Null(TodoProjection.Coalesce(second, Project(new TodoReopened(), 3) with { TodoId = Guid.NewGuid() }));
    }

    private sealed record UnknownEvent : TodoEvent;
}
