using System.Net;
using Todo.Tests.Support;

namespace Todo.Tests.Queries;

/// <summary>
/// Read-your-writes as clients meet it, with the projection running as it does in ./run.sh: each read follows its
/// command at once, a hundred times, and not one answer may be older than the command. A read by id asks nothing;
/// a list read comes from a client that keeps cookies, as a browser does.
/// </summary>
public abstract class OwnWritesRounds(LocalAppFixture fixture)
{
    private const int Rounds = 100;

    /// <summary>A client of the app as its mode has them: signed in, or of the open API.</summary>
    protected abstract Task<TodoApi> ClientAsync(HttpClient http);

    [Fact]
    public async Task A_todo_read_by_id_right_after_its_create_is_never_missing()
    {
        var api = await ClientAsync(fixture.Http);
        var stale = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var created = await api.CreateAsync($"Read at once {round}");
            var read = await api.GetAsync(created.Text("id"));
            if (read.Status != HttpStatusCode.OK || read.Body.ToString() != created.Body.ToString())
                stale.Add($"{created.Text("id")}: {(int)read.Status}");
        }
        Assert.Empty(stale);
    }

    [Fact]
    public async Task The_list_right_after_a_create_or_a_delete_always_shows_it()
    {
        using var browserLike = fixture.NewCookieKeepingClient();
        var api = await ClientAsync(browserLike);
        var stale = new List<string>();
        var created = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var id = (await api.CreateAsync($"Listed at once {round}")).Text("id");
            created.Add(id);
            if (!(await api.ListedIdsAsync()).Contains(id))
                stale.Add($"create {id}");
        }
        foreach (var id in created)
        {
            Assert.Equal(HttpStatusCode.OK, (await api.DeleteAsync(id)).Status);
            if ((await api.ListedIdsAsync()).Contains(id))
                stale.Add($"delete {id}");
        }
        Assert.Empty(stale);
    }
}
