using Microsoft.Extensions.Logging;
using Todo.Local;
using Todo.Tests.Support;

namespace Todo.Tests.Local;

/// <summary>Restarting the local app with the same data folder keeps the todos, and the stream goes on from its checkpoint.</summary>
[Slow]
public sealed class PersistenceTests : IDisposable
{
    private readonly string dataFolder = Directory.CreateTempSubdirectory("todo-data-").FullName;

    [Fact]
    public async Task Todos_survive_a_restart()
    {
        string id;
        await using (var first = await StartAsync())
        {
            using var http = new HttpClient { BaseAddress = first.BaseUrl };
            var api = new TodoApi(http);
            id = (await api.CreateAsync("Survives restarts")).Text("id");
            await api.EventuallyAsync(a => a.GetAsync(id), TodoApi.IsOk);
            // The checkpoint is saved just after the projector answers, so it may trail the read side a moment.
            var checkpoints = Path.Combine(dataFolder, "stream-checkpoints.json");
            for (var wait = 0; wait < 100 && !File.Exists(checkpoints); wait++)
                await Task.Delay(50);
            Assert.True(File.Exists(checkpoints), "The stream checkpoint was never saved.");
        }

        await using var second = await StartAsync();
        using var secondHttp = new HttpClient { BaseAddress = second.BaseUrl };
        var again = new TodoApi(secondHttp);

        Assert.Contains(id, await again.ListedIdsAsync());
        var updated = await again.UpdateAsync(id, new { completed = true });
        Assert.Equal("Survives restarts", updated.Text("text"));
        await again.EventuallyAsync(a => a.GetAsync(id), r => r.Body.GetProperty("completed").GetBoolean());
    }

    private Task<LocalApp> StartAsync() => LocalApp.StartAsync(
        new LocalOptions { Root = Repository.Root, Port = 0, DataFolder = dataFolder, StreamPollInterval = TimeSpan.FromMilliseconds(10) },
        logging => logging.SetMinimumLevel(LogLevel.Warning),
        CancellationToken.None);

    public void Dispose() => Directory.Delete(dataFolder, recursive: true);
}
