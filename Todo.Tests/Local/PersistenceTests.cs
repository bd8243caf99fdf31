using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Todo.Harness.Load;
using Todo.Local;
using Todo.Tests.Support;

namespace Todo.Tests.Local;

/// <summary>
/// Restarting the local app with the same data folder keeps the todos and the users, and the stream goes on
/// from its checkpoint; the kept app client takes the template's settings again.
/// </summary>
[Slow]
public sealed class PersistenceTests : IDisposable
{
    private readonly string dataFolder = Directory.CreateTempSubdirectory("todo-data-").FullName;

    [Fact]
    public async Task Todos_survive_a_restart()
    {
        string id;
        await using (var first = await StartAsync(LocalApp.NoAuth))
        {
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = first.BaseUrl };
            var api = new TodoApi(http);
            id = (await api.CreateAsync("Survives restarts")).Text("id");
            await api.ProjectedAsync(id);
            // The checkpoint is saved just after the projector answers, so it may trail the read side a moment.
            var checkpoints = Path.Combine(dataFolder, "stream-checkpoints.json");
            for (var wait = 0; wait < 100 && !File.Exists(checkpoints); wait++)
                await Task.Delay(50);
            Assert.True(File.Exists(checkpoints), "The stream checkpoint was never saved.");
        }

        await using var second = await StartAsync(LocalApp.NoAuth);
        using var secondHttp = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = second.BaseUrl };
        var again = new TodoApi(secondHttp);

        Assert.Contains(id, await again.ListedIdsAsync());
        var updated = await again.UpdateAsync(id, new { completed = true });
        Assert.Equal("Survives restarts", updated.Text("text"));
        await again.ProjectedAsync(id, t => t.GetProperty("completed").GetBoolean());
    }

    [Fact]
    public async Task Users_their_pool_and_their_todos_survive_a_restart()
    {
        const string email = "keeps@example.com", password = "Kept-across-restarts-1";
        string id, poolId, clientId;
        await using (var first = await StartAsync(LocalApp.SignIn))
        {
            var users = first.Users!;
            (poolId, clientId) = (users.UserPoolId, users.ClientId);
            await users.Client.SignUpAsync(clientId, email, password, CancellationToken.None);
            await users.Client.ConfirmSignUpAsync(clientId, email, users.ConfirmationCode(email)!, CancellationToken.None);
            // As a template of an earlier run had it: the kept client then gives tokens of an hour.
            await users.Client.CallAsync("UpdateUserPoolClient",
                new JsonObject { ["UserPoolId"] = poolId, ["ClientId"] = clientId, ["IdTokenValidity"] = 60, ["AccessTokenValidity"] = 60 }, CancellationToken.None);
            var tokens = await users.Client.SignInAsync(clientId, email, password, CancellationToken.None);
            Assert.Equal(TimeSpan.FromHours(1), TokenLifetime.Of(tokens.IdToken));
            using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = first.BaseUrl };
            var api = new TodoApi(http, tokens.IdToken);
            id = (await api.CreateAsync("Mine, after a restart")).Text("id");
            await api.ProjectedAsync(id);
        }

        await using var second = await StartAsync(LocalApp.SignIn);
        var again = second.Users!;
        var signedIn = await again.Client.SignInAsync(again.ClientId, email, password, CancellationToken.None);
        using var secondHttp = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = second.BaseUrl };

        var list = await new TodoApi(secondHttp, signedIn.IdToken).ListAsync();

        Assert.Equal((poolId, clientId), (again.UserPoolId, again.ClientId));
        Assert.Equal(id, Assert.Single(list.Body.EnumerateArray()).GetProperty("id").GetString());
        // The template's lifetimes again, not the kept client's.
        Assert.Equal(TokenLifetime.Declared(second.Template, "IdToken"), TokenLifetime.Of(signedIn.IdToken));
        Assert.Equal(TokenLifetime.Declared(second.Template, "AccessToken"), TokenLifetime.Of(signedIn.AccessToken));
    }

    private Task<LocalApp> StartAsync(string authMode) => LocalApp.StartAsync(
        new LocalOptions { Root = Repository.Root, Port = 0, DataFolder = dataFolder, StreamPollInterval = TimeSpan.FromMilliseconds(10), AuthMode = authMode, Parameters = RateLimits.Lifted },
        logging => logging.SetMinimumLevel(LogLevel.Warning),
        CancellationToken.None);

    public void Dispose() => Directory.Delete(dataFolder, recursive: true);
}
