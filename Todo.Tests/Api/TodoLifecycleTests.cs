using System.Net;
using Todo.Domain;
using Todo.Domain.Events;
using Todo.Tests.Support;

namespace Todo.Tests.Api;

/// <summary>A todo created, changed, completed, reopened and deleted: the events table and the read model after each step.</summary>
[Slow]
public sealed class TodoLifecycleTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private readonly TodoApi api = new(fixture.Http);

    [Fact]
    public async Task Each_command_appends_its_event_and_the_projection_follows()
    {
        var id = (await api.CreateAsync("Plan trip")).Text("id");
        await ReadModelShows(id, "Plan trip", completed: false);

        await api.UpdateAsync(id, new { text = "Plan the trip" });
        await ReadModelShows(id, "Plan the trip", completed: false);

        await api.UpdateAsync(id, new { completed = true });
        await ReadModelShows(id, "Plan the trip", completed: true);

        await api.UpdateAsync(id, new { text = "Plan the whole trip", completed = false });
        await ReadModelShows(id, "Plan the whole trip", completed: false);

        await api.DeleteAsync(id);
        await api.EventuallyAsync(a => a.GetAsync(id), r => r.Status == HttpStatusCode.NotFound);

        var stream = await fixture.EventsOfAsync(Guid.Parse(id));
        Assert.Equal([1L, 2, 3, 4, 5, 6], stream.Events.Select(e => e.Version));
        Assert.Equal(
            [typeof(TodoCreated), typeof(TodoTextChanged), typeof(TodoCompleted), typeof(TodoTextChanged), typeof(TodoReopened), typeof(TodoDeleted)],
            stream.Events.Select(e => e.Event.GetType()));
        Assert.IsType<TodoState.Deleted>(TodoDecider.Fold(stream.DomainEvents));
        // The two events of one command commit together and carry that command's id.
        Assert.Equal(stream.Events[3].CommandId, stream.Events[4].CommandId);
        Assert.NotEqual(stream.Events[2].CommandId, stream.Events[3].CommandId);
    }

    [Fact]
    public async Task An_update_that_changes_nothing_appends_nothing()
    {
        var id = (await api.CreateAsync("Same")).Text("id");

        var response = await api.UpdateAsync(id, new { text = " Same ", completed = false });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Single((await fixture.EventsOfAsync(Guid.Parse(id))).Events);
    }

    private Task ReadModelShows(string id, string text, bool completed) =>
        api.EventuallyAsync(a => a.GetAsync(id), r =>
            r.Status == HttpStatusCode.OK && r.Text("text") == text && r.Body.GetProperty("completed").GetBoolean() == completed);
}
