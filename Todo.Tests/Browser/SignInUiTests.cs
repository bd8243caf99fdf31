using Microsoft.Playwright;
using Todo.Tests.Support;
using static Microsoft.Playwright.Assertions;

namespace Todo.Tests.Browser;

/// <summary>
/// The web app with sign-in, in Chromium: sign up, confirm with the code cognito-local printed, sign in,
/// add todos, sign out, and another user signed in sees an empty list of their own; the sign-in form
/// passes axe. A session the API refuses ends with a message.
/// </summary>
[Slow]
public sealed class SignInUiTests(SignInAppFixture app, ChromiumFixture chromium)
    : PageTests(app, chromium), IClassFixture<SignInAppFixture>, IClassFixture<ChromiumFixture>
{
    private IPage Page => Ui.Page;

    private async Task SignInAsync(string email, string password)
    {
        await Page.GetByLabel("E-mail address").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByTestId("auth-submit").ClickAsync();
        await Expect(Page.GetByTestId("signed-in-as")).ToHaveTextAsync($"Signed in as {email}");
        await Ui.LoadedAsync();
    }

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
        // The stored session's token is spoilt, as an expired or revoked one would be refused.
        await Page.EvaluateAsync("""
            () => {
              const session = JSON.parse(sessionStorage.getItem('todo.session'));
              session.idToken = session.idToken.slice(0, -4) + 'AAAA';
              sessionStorage.setItem('todo.session', JSON.stringify(session));
            }
            """);
        await Page.ReloadAsync();
        await Expect(Page.GetByTestId("auth-info")).ToHaveTextAsync("Your session has ended. Please sign in again.");
    }
}
