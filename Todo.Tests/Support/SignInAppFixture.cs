using Todo.Local;
using Todo.Local.Cognito;

namespace Todo.Tests.Support;

/// <summary>
/// The local app with sign-in (AuthMode cognito), as ./run.sh starts it by default: cognito-local with
/// the template's user pool and client, and the API's Cognito authorizer in front of the routes.
/// </summary>
public class SignInAppFixture : LocalAppFixture
{
    protected override string AuthMode => LocalApp.SignIn;

    /// <summary>A file of this app's own: the host removes it when it stops.</summary>
    public override string EndpointsFile { get; } = Path.Combine(Path.GetTempPath(), $"todo-endpoints-{Guid.NewGuid():N}.json");

    public LocalUsers Users => App.Users ?? throw new InvalidOperationException("The app runs without sign-in.");

    /// <summary>A new user, signed up with a fresh address, confirmed with the code cognito-local printed, and signed in.</summary>
    public async Task<TestUser> NewUserAsync()
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        const string password = "Correct-horse-battery-9";
        await Users.Client.SignUpAsync(Users.ClientId, email, password, CancellationToken.None);
        var code = Users.ConfirmationCode(email) ?? await EventuallyCodeAsync(email);
        await Users.Client.ConfirmSignUpAsync(Users.ClientId, email, code, CancellationToken.None);
        var tokens = await Users.Client.SignInAsync(Users.ClientId, email, password, CancellationToken.None);
        return new TestUser(email, password, tokens, new TodoApi(Http, tokens.IdToken));
    }

    /// <summary>cognito-local prints the code as it answers; its output may reach the host a moment later.</summary>
    public async Task<string> EventuallyCodeAsync(string email)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30); // a passing check returns at once; 10 s once ran out under the parallel browser tests
        while (true)
        {
            if (Users.ConfirmationCode(email) is { } code)
                return code;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"cognito-local printed no confirmation code for {email}.");
            await Task.Delay(20);
        }
    }
}

/// <summary>A signed-in user of the local app, and the API as they call it.</summary>
public sealed record TestUser(string Email, string Password, CognitoTokens Tokens, TodoApi Api);
