using Todo.ReadModel;
using Todo.Domain;
using Todo.Store.Events;

namespace Todo.Tests.Projections;

/// <summary>The change an event item's state makes, and consecutive ones of one todo as one write of the newest state.</summary>
public class ReadModelChangeTests
{
    private static readonly Guid TodoId = Guid.Parse("7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11");
    private static readonly DateTimeOffset CreatedAt = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static ReadModelChange Change(long version, string text = "Buy milk", string? owner = null, Guid? todoId = null) =>
        ReadModelChange.Of(todoId ?? TodoId, new Snapshot(new TodoState.Live(text, false, CreatedAt, owner), version));

    [Theory]
    [InlineData(1L)]
    [InlineData(2L)]
    [InlineData(long.MaxValue)]
    public void One_events_change_applies_on_top_of_the_version_before_it(long version)
    {
        var change = Change(version);

        Assert.Equal((version, version - 1), (change.Version, change.PreviousVersion));
    }

    [Fact]
    public void The_change_is_in_its_owners_list_or_the_shared_one()
    {
        Assert.Equal(("alice", "default"), (Change(1, owner: "alice").ListId, Change(1).ListId));
    }

    [Fact]
    public void Consecutive_changes_are_one_of_the_newest_state_on_top_of_the_version_before_the_first()
    {
        var change = Change(1, "first").Then(Change(2, "second"))!.Then(Change(3, "third"));

        Assert.Equal(new ReadModelChange(TodoId, 0, Change(3, "third").After), change);
    }

    [Fact]
    public void Changes_that_do_not_follow_directly_in_one_item_are_not_one()
    {
        var second = Change(2);

        Assert.Null(second.Then(Change(4)));
        Assert.Null(second.Then(Change(2)));
        Assert.Null(second.Then(Change(3, todoId: Guid.NewGuid())));
        Assert.Null(second.Then(Change(3, owner: "alice")));
        Assert.NotNull(second.Then(Change(3)));
    }
}
