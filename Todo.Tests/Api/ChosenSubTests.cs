using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Todo.Local.Cognito;
using Todo.Tests.Support;

namespace Todo.Tests.Api;

/// <summary>
/// A client cannot choose its sub, the user its list belongs to, at the Cognito endpoint the web app calls: a
/// sign-up (or an AdminCreateUser) naming one is refused as Cognito refuses it and creates nobody, an update of it
/// is refused, and a sign-up without one gets a generated UUID.
/// </summary>
[Slow]
public sealed class ChosenSubTests(SignInAppFixture fixture) : IClassFixture<SignInAppFixture>
{
    private const string Password = "Correct-horse-battery-9";

    [Fact]
    public async Task A_sign_up_naming_the_shared_lists_sub_or_another_users_is_refused_and_creates_no_user()
    {
        var other = await fixture.NewUserAsync();
        var othersSub = SubOf(other.Tokens.IdToken);

        foreach (var chosen in new[] { "default", othersSub })
        {
            var email = $"chooser-{Guid.NewGuid():N}@example.com";
            var answer = await CallAsync("SignUp", new JsonObject
            {
                ["ClientId"] = fixture.Users.ClientId,
                ["Username"] = email,
                ["Password"] = Password,
                ["UserAttributes"] = new JsonArray(new JsonObject { ["Name"] = "email", ["Value"] = email }, new JsonObject { ["Name"] = "sub", ["Value"] = chosen }),
            });

            AssertInvalidParameter(answer);
            await AssertNoUserAsync(email);
        }
        var tokens = await fixture.Users.Client.SignInAsync(fixture.Users.ClientId, other.Email, other.Password, CancellationToken.None);
        Assert.Equal(othersSub, SubOf(tokens.IdToken));
    }

    [Fact]
    public async Task An_admin_creation_naming_a_sub_is_refused_and_creates_no_user()
    {
        var email = $"created-{Guid.NewGuid():N}@example.com";

        var answer = await CallAsync("AdminCreateUser", new JsonObject
        {
            ["UserPoolId"] = fixture.Users.UserPoolId,
            ["Username"] = email,
            ["UserAttributes"] = new JsonArray(new JsonObject { ["Name"] = "sub", ["Value"] = "default" }),
        });

        AssertInvalidParameter(answer);
        await AssertNoUserAsync(email);
    }

    [Fact]
    public async Task A_signed_in_user_cannot_change_their_sub()
    {
        var user = await fixture.NewUserAsync();
        var sub = SubOf(user.Tokens.IdToken);

        var answer = await CallAsync("UpdateUserAttributes", new JsonObject
        {
            ["AccessToken"] = user.Tokens.AccessToken,
            ["UserAttributes"] = new JsonArray(new JsonObject { ["Name"] = "sub", ["Value"] = "default" }),
        });

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("InvalidParameterException", answer.Text("__type"));
        var tokens = await fixture.Users.Client.SignInAsync(fixture.Users.ClientId, user.Email, user.Password, CancellationToken.None);
        Assert.Equal(sub, SubOf(tokens.IdToken));
    }

    [Fact]
    public async Task A_sign_up_without_a_sub_gets_a_generated_UUID_which_its_tokens_carry()
    {
        var email = $"plain-{Guid.NewGuid():N}@example.com";

        var signedUp = await fixture.Users.Client.CallAsync("SignUp", new JsonObject
        {
            ["ClientId"] = fixture.Users.ClientId,
            ["Username"] = email,
            ["Password"] = Password,
            ["UserAttributes"] = new JsonArray(new JsonObject { ["Name"] = "email", ["Value"] = email }),
        }, CancellationToken.None);
        await fixture.Users.Client.ConfirmSignUpAsync(fixture.Users.ClientId, email, await fixture.EventuallyCodeAsync(email), CancellationToken.None);
        var tokens = await fixture.Users.Client.SignInAsync(fixture.Users.ClientId, email, Password, CancellationToken.None);

        var sub = signedUp["UserSub"]!.GetValue<string>();
        Assert.True(Guid.TryParseExact(sub, "D", out _), sub);
        Assert.Equal(sub, SubOf(tokens.IdToken));
        Assert.Equal(HttpStatusCode.OK, (await new TodoApi(fixture.Http, tokens.IdToken).ListAsync()).Status);
    }

    /// <summary>A raw call of the endpoint the web app uses, so that its status and headers can be read.</summary>
    private async Task<ApiResponse> CallAsync(string action, JsonObject body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, fixture.Users.Endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1"),
        };
        request.Headers.Add("X-Amz-Target", $"AWSCognitoIdentityProviderService.{action}");
        return await ApiResponse.ReadAsync(await fixture.Http.SendAsync(request));
    }

    /// <summary>Cognito's refusal, on the wire as Cognito sends it, and readable by the web app's page (any origin).</summary>
    private static void AssertInvalidParameter(ApiResponse answer)
    {
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("InvalidParameterException", answer.Header("x-amzn-ErrorType"));
        Assert.Equal("application/x-amz-json-1.1", answer.Header("Content-Type"));
        Assert.Equal("*", answer.Header("Access-Control-Allow-Origin"));
        Assert.Equal("InvalidParameterException", answer.Text("__type"));
        Assert.Contains("sub", answer.Text("message"), StringComparison.Ordinal);
    }

    /// <summary>Asked of cognito-local itself, as an administrator would ask Cognito.</summary>
    private async Task AssertNoUserAsync(string email)
    {
        var admin = new CognitoClient(fixture.Http, fixture.Users.Engine.ServiceUrl);
        var missing = await Assert.ThrowsAsync<CognitoException>(() =>
            admin.CallAsync("AdminGetUser", new JsonObject { ["UserPoolId"] = fixture.Users.UserPoolId, ["Username"] = email }, CancellationToken.None));
        Assert.Equal("UserNotFoundException", missing.Type);
    }

    private static string SubOf(string idToken) => new JsonWebToken(idToken).Subject;
}
