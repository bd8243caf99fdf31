using Microsoft.Playwright;
using Todo.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Todo.Tests.Browser;

/// <summary>
/// The web app with sign-in, in Chromium: sign up, confirm with the code cognito-local printed, sign in,
/// add todos, sign out, and another user signed in sees an empty list of their own; the sign-in form
/// passes axe. A session the API refuses ends with a message. The tokens stay in the page's memory: no
/// storage a script can read holds them, a reload signs in again, and the ID token is renewed ahead of
/// its expiry by its lifetime, whatever the browser's clock says.
/// </summary>
[Slow]
public sealed class SignInUiTests(SignInAppFixture app, ChromiumFixture chromium)
    : PageTests(app, chromium), IClassFixture<SignInAppFixture>, IClassFixture<ChromiumFixture>
{
    private IPage Page => Ui.Page;

    /// <summary>Signs in through the form and returns the tokens the pool answered the page with.</summary>
    private async Task<CognitoResult> SignInAsync(string email, string password)
    {
        await Page.GetByLabel("E-mail address").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        var answer = await Page.RunAndWaitForResponseAsync(() => Page.GetByTestId("auth-submit").ClickAsync(), IsInitiateAuth);
        await Expect(Page.GetByTestId("signed-in-as")).ToHaveTextAsync($"Signed in as {email}");
        await Ui.LoadedAsync();
        return await CognitoResult.ReadAsync(answer);
    }

    private static bool IsInitiateAuth(IResponse response) =>
        response.Request.Headers.GetValueOrDefault("x-amz-target") == "AWSCognitoIdentityProviderService.InitiateAuth";

    /// <summary>Everything a script of the page can read back: both storages' keys and values, and the cookies.</summary>
    private Task<string> ScriptReadableStateAsync() => Page.EvaluateAsync<string>(
        "() => JSON.stringify({ session: Object.entries(sessionStorage), local: Object.entries(localStorage), cookie: document.cookie })");

    [Fact]
    public async Task Sign_up_confirm_add_todos_sign_out_and_another_user_sees_an_empty_list()
    {
        var fixture = (SignInAppFixture)App;
        var email = $"browser-{Guid.NewGuid():N}@example.com";
        const string password = "Browser-password-42";
        await Page.GotoAsync("/");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Ui.AssertAccessibleAsync("sign-in");

        await Page.GetByTestId("go-sign-up").ClickAsync();
        await Page.GetByLabel("E-mail address").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Ui.AssertAccessibleAsync("sign-up");
        await Page.GetByTestId("auth-submit").ClickAsync();
        await Expect(Page.GetByLabel("Confirmation code")).ToBeVisibleAsync();
        await Ui.AssertAccessibleAsync("confirm");
        await Page.GetByLabel("Confirmation code").FillAsync(await fixture.EventuallyCodeAsync(email));
        await Page.GetByTestId("auth-submit").ClickAsync();
        await Expect(Page.GetByTestId("signed-in-as")).ToHaveTextAsync($"Signed in as {email}");
        await Ui.LoadedAsync();
        await Expect(Page.GetByTestId("empty-state")).ToBeVisibleAsync();

        var first = await Ui.AddAsync("Mine, in the browser");
        await Ui.AddAsync("Mine too");
        await Ui.AssertAccessibleAsync("signed-in list");
        await Ui.ScreenshotAsync("signed-in");
        await Page.GetByTestId("sign-out").ClickAsync();
        await Expect(Page.GetByTestId("auth-info")).ToHaveTextAsync("You have signed out.");

        var other = await fixture.NewUserAsync();
        await SignInAsync(other.Email, other.Password);
        await Expect(Page.GetByTestId("empty-state")).ToBeVisibleAsync();
        await Expect(Ui.Items).ToHaveCountAsync(0);

        // The first user's todos are still theirs.
        await Page.GetByTestId("sign-out").ClickAsync();
        await SignInAsync(email, password);
        await Expect(Ui.Items).ToHaveCountAsync(2);
        await Expect(Ui.TextOf(first)).ToHaveTextAsync("Mine, in the browser");
    }

    [Fact]
    public async Task A_wrong_password_is_told_and_a_refused_session_ends_with_a_message()
    {
        var user = await ((SignInAppFixture)App).NewUserAsync();
        await Page.GotoAsync("/");
        await Page.GetByLabel("E-mail address").FillAsync(user.Email);
        await Page.GetByLabel("Password").FillAsync("Not-the-password-1");
        await Page.GetByTestId("auth-submit").ClickAsync();
        await Expect(Page.GetByTestId("auth-error")).ToHaveTextAsync("Incorrect e-mail address or password.");
        await Ui.AssertAccessibleAsync("sign-in error");

        await SignInAsync(user.Email, user.Password);
        // From now on the page's token reaches the API spoilt, as an expired or revoked one would be refused.
        await Page.RouteAsync("**/api/todos*", async route =>
        {
            var headers = new Dictionary<string, string>(route.Request.Headers);
            headers["authorization"] = headers["authorization"][..^4] + "AAAA";
            await route.ContinueAsync(new RouteContinueOptions { Headers = headers });
        });
        await Ui.Input.FillAsync("Refused");
        var refused = await Page.RunAndWaitForResponseAsync(() => Ui.Input.PressAsync("Enter"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/todos", StringComparison.Ordinal));
        Assert.Equal(401, refused.Status);
        await Expect(Page.GetByTestId("auth-info")).ToHaveTextAsync("Your session has ended. Please sign in again.");
    }

    [Fact]
    public async Task No_storage_a_script_reads_holds_a_token_and_a_reload_signs_in_again()
    {
        var user = await ((SignInAppFixture)App).NewUserAsync();
        await Page.GotoAsync("/");
        var tokens = await SignInAsync(user.Email, user.Password);
        var id = await Ui.AddAsync("Made before the reload");

        var state = await ScriptReadableStateAsync();
        Assert.Contains(id, state); // the version token of the create: per tab, and no credential
        foreach (var token in new[] { tokens.IdToken, tokens.AccessToken, tokens.RefreshToken ?? throw new InvalidOperationException("A sign-in gives a refresh token.") })
            Assert.DoesNotContain(token, state);
        Assert.DoesNotContain("eyJ", state); // how every JWT starts: {"

        // The session an earlier version of the app kept in sessionStorage goes at the next load too.
        await Page.EvaluateAsync("token => sessionStorage.setItem('todo.session', JSON.stringify({ idToken: token }))", tokens.IdToken);
        await Page.ReloadAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("signed-in-as")).ToHaveCountAsync(0);
        Assert.Equal("""{"session":[],"local":[],"cookie":""}""", await ScriptReadableStateAsync());

        await SignInAsync(user.Email, user.Password);
        await Expect(Ui.TextOf(id)).ToHaveTextAsync("Made before the reload");
    }

    [Fact]
    public async Task Signing_out_leaves_nothing_of_the_user_in_storage()
    {
        var user = await ((SignInAppFixture)App).NewUserAsync();
        await Page.GotoAsync("/");
        await SignInAsync(user.Email, user.Password);
        var id = await Ui.AddAsync("Mine alone");
        Assert.Contains(id, await ScriptReadableStateAsync());

        await Page.GetByTestId("sign-out").ClickAsync();

        await Expect(Page.GetByTestId("auth-info")).ToHaveTextAsync("You have signed out.");
        Assert.Equal("""{"session":[],"local":[],"cookie":""}""", await ScriptReadableStateAsync());
    }

    [Fact]
    public async Task The_ID_token_is_renewed_a_minute_before_its_lifetime_ends_though_the_browsers_clock_is_behind()
    {
        var user = await ((SignInAppFixture)App).NewUserAsync();
        var lifetime = TokenLifetime.Declared(App.App.Template, "IdToken");
        // Five minutes behind the pool's: read by this clock, the token's exp is twenty minutes away.
        await Page.Clock.InstallAsync(new ClockInstallOptions { TimeDate = DateTime.UtcNow.AddMinutes(-5) });
        await Page.GotoAsync("/");
        var first = await SignInAsync(user.Email, user.Password);
        var renewals = new List<IRequest>();
        Page.Request += (_, request) =>
        {
            if (request.PostData?.Contains("REFRESH_TOKEN_AUTH", StringComparison.Ordinal) == true) lock (renewals) renewals.Add(request);
        };

        await Page.Clock.RunForAsync((long)(lifetime - TimeSpan.FromMinutes(2)).TotalMilliseconds);
        await Ui.AddAsync("Still on the first token");
        lock (renewals) Assert.Empty(renewals);
        var renewal = await Page.RunAndWaitForResponseAsync(() => Page.Clock.RunForAsync((long)TimeSpan.FromMinutes(1).TotalMilliseconds),
            r => r.Request.PostData?.Contains("REFRESH_TOKEN_AUTH", StringComparison.Ordinal) == true);
        var renewed = await CognitoResult.ReadAsync(renewal);

        Assert.NotEqual(first.IdToken, renewed.IdToken);
        var create = await Page.RunAndWaitForRequestAsync(() => Ui.AddAsync("On the renewed token"), r => r.Method == "POST" && r.Url.EndsWith("/api/todos", StringComparison.Ordinal));
        Assert.Equal($"Bearer {renewed.IdToken}", await create.HeaderValueAsync("Authorization"));
        await Expect(Page.GetByTestId("signed-in-as")).ToHaveTextAsync($"Signed in as {user.Email}");
    }

    /// <summary>The tokens of a Cognito <c>InitiateAuth</c> answer; a renewal's has no refresh token.</summary>
    private sealed record CognitoResult(string IdToken, string AccessToken, string? RefreshToken)
    {
        public static async Task<CognitoResult> ReadAsync(IResponse response)
        {
            Assert.Equal(200, response.Status);
            var result = (await response.JsonAsync())!.Value.GetProperty("AuthenticationResult");
            return new CognitoResult(result.GetProperty("IdToken").GetString()!, result.GetProperty("AccessToken").GetString()!,
                result.TryGetProperty("RefreshToken", out var refresh) ? refresh.GetString() : null);
        }
    }
}
