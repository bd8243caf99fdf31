using System.Net;
using Todo.Domain;
using Todo.Tests.Support;

namespace Todo.Tests.Commands;

/// <summary>Concurrent commands on one todo are serialised by the conditional append: no update is lost, none is doubled.</summary>
[Slow]
public sealed class ConcurrencyTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private readonly TodoApi api = new(fixture.Http);

    [Fact]
    public async Task Parallel_updates_all_land_as_contiguous_versions_and_the_read_model_equals_the_fold()
    {
        const int updates = 50;
        var id = (await api.CreateAsync("Contended")).Text("id");

        var responses = await Task.WhenAll(Enumerable.Range(1, updates).Select(i => api.UpdateAsync(id, new { text = $"edit {i}" })));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(updates, responses.Select(r => r.Header("ETag")).Distinct().Count());
        var stream = await fixture.EventsOfAsync(Guid.Parse(id));
        Assert.Equal(Enumerable.Range(1, 1 + updates).Select(v => (long)v), stream.Events.Select(e => e.Version));
        var folded = Assert.IsType<TodoState.Live>(TodoDecider.Fold(stream.DomainEvents));
        await api.ProjectedAsync(id, t => t.GetProperty("text").GetString() == folded.Text);
    }
}
