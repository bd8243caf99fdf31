using System.Net.WebSockets;
using Todo.Tests.Support;
using static Todo.Tests.Local.LiveClient;

namespace Todo.Tests.Local;

/// <summary>
/// The local host's WebSocket API with sign-in: the authorizer function runs from the template against cognito-local's
/// pool; an ID token offered as a protocol connects the user to their own list; no identity header is API Gateway's
/// 401, anything but a valid ID token the authorizer's 403.
/// </summary>
[Slow]
public sealed class LiveSignInTests(SignInAppFixture fixture) : IClassFixture<SignInAppFixture>
{
    [Fact]
    public async Task An_ID_token_connects_the_user_to_their_own_list_until_they_close()
    {
        var user = await fixture.NewUserAsync();
        var sub = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken(user.Tokens.IdToken).Subject;

        var (socket, id) = await ConnectRecordedAsync(fixture, sub, "todo.v1", user.Tokens.IdToken);
        using (socket)
        {
            Assert.Equal("todo.v1", socket.SubProtocol);
            Assert.DoesNotContain(id, await ConnectionsOfAsync(fixture, "default"));
            await SendAsync(socket, """{"action":"ping"}""");
            Assert.Equal("""{"type":"pong"}""", await ReceiveAsync(socket));
            await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        }

        await EventuallyAsync(async () => !(await ConnectionsOfAsync(fixture, sub)).Contains(id), "$disconnect deletes the record from the user's list");
    }

    [Fact]
    public async Task Without_the_protocol_header_API_Gateway_answers_401()
    {
        Assert.Equal(401, await RefusedAsync(fixture));
    }

    [Fact]
    public async Task Without_a_token_or_with_a_bad_one_the_authorizer_denies_with_403()
    {
        var user = await fixture.NewUserAsync();
        var parts = user.Tokens.IdToken.Split('.');

        Assert.Equal(403, await RefusedAsync(fixture, "todo.v1"));
        Assert.Equal(403, await RefusedAsync(fixture, "todo.v1", "not-a-token"));
        Assert.Equal(403, await RefusedAsync(fixture, "todo.v1", $"{parts[0]}.{parts[1]}.{parts[2][..^4]}AAAA"));
        Assert.Equal(403, await RefusedAsync(fixture, "todo.v1", user.Tokens.AccessToken));
    }
}
