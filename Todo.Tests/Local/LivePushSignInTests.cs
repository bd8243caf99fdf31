using Todo.Tests.Support;
using static Todo.Tests.Local.LiveClient;

namespace Todo.Tests.Local;

/// <summary>
/// End to end with sign-in: a user's command is pushed to that user's other socket, and another user's socket receives
/// nothing of it (it is sent its own user's changes all the same).
/// </summary>
[Slow]
public sealed class LivePushSignInTests(SignInAppFixture fixture) : IClassFixture<SignInAppFixture>
{
    [Fact]
    public async Task A_users_change_reaches_their_own_socket_and_no_other_users()
    {
        var alice = await fixture.NewUserAsync();
        var bob = await fixture.NewUserAsync();
        using var aliceSocket = await ConnectAsync(fixture, "todo.v1", alice.Tokens.IdToken);
        using var bobSocket = await ConnectAsync(fixture, "todo.v1", bob.Tokens.IdToken);

        var aliceTodo = (await alice.Api.CreateAsync("alice's")).Text("id");
        var change = await ChangeOfAsync(aliceSocket, aliceTodo, 1);
        Assert.Equal("alice's", change.GetProperty("item").GetProperty("text").GetString());

        // Bob's next message is his own change: Alice's, pushed before it, would have come first.
        var bobTodo = (await bob.Api.CreateAsync("bob's")).Text("id");
        var next = System.Text.Json.JsonDocument.Parse((await ReceiveAsync(bobSocket))!).RootElement;
        Assert.Equal(bobTodo, next.GetProperty("id").GetString());
        Assert.Equal("bob's", next.GetProperty("item").GetProperty("text").GetString());
    }
}
