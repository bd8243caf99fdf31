using Todo.Tests.Support;

namespace Todo.Tests.Queries;

/// <summary>The rounds as a signed-in user.</summary>
[Slow]
public sealed class OwnWritesRoundsSignedInTests(SignInAppFixture fixture) : OwnWritesRounds(fixture), IClassFixture<SignInAppFixture>
{
    protected override async Task<TodoApi> ClientAsync(HttpClient http) => new(http, (await fixture.NewUserAsync()).Tokens.IdToken);
}
