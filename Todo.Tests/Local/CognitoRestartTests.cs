using System.Diagnostics;
using System.Net;
using Todo.Tests.Support;
using Xunit.Abstractions;

namespace Todo.Tests.Local;

/// <summary>
/// cognito-local killed while the host runs: the host starts it again on the same port and folder, so a user
/// signs in again within seconds with no restart of the host, a token signed before still opens the API, and
/// one signed after does too (the authorizer's keys, read at start, still verify it).
/// </summary>
[Slow]
public sealed class CognitoRestartTests(SignInAppFixture fixture, ITestOutputHelper output) : IClassFixture<SignInAppFixture>
{
    [Fact]
    public async Task A_killed_cognito_local_is_started_again_and_users_sign_in_within_5_seconds()
    {
        var user = await fixture.NewUserAsync();
        var id = (await user.Api.CreateAsync("Written before cognito-local died")).Text("id");
        var engine = fixture.Users.Engine;
        var killed = engine.ProcessId;

        var clock = Stopwatch.StartNew();
        Process.GetProcessById(killed).Kill(entireProcessTree: true);
        // The endpoint holds a request while cognito-local is down, so this returns once it serves again.
        var tokens = await fixture.Users.Client.SignInAsync(fixture.Users.ClientId, user.Email, user.Password, CancellationToken.None);
        var back = clock.Elapsed;
        output.WriteLine($"The user signed in again {back.TotalSeconds:F1} s after cognito-local was killed.");

        // The supervisor counts the restart once it has read cognito-local's "running" line, which a request may beat.
        var counted = DateTime.UtcNow.AddSeconds(5);
        while (engine.Restarts == 0 && DateTime.UtcNow < counted)
            await Task.Delay(20);

        Assert.True(back < TimeSpan.FromSeconds(5), $"Signing in again took {back.TotalSeconds:F1} s.");
        Assert.NotEqual(killed, engine.ProcessId);
        Assert.Equal(1, engine.Restarts);
        Assert.Equal(HttpStatusCode.OK, (await user.Api.GetAsync(id)).Status);
        Assert.Equal(HttpStatusCode.OK, (await new TodoApi(fixture.Http, tokens.IdToken).GetAsync(id)).Status);
    }
}
