namespace Todo.Tests.Support;

/// <summary>The app with sign-in and the template's rate rules at their lowest, so that a test reaches them in a few requests.</summary>
public sealed class RateLimitedAppFixture : SignInAppFixture
{
    public const int Limit = 10;

    protected override IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        [Harness.Load.RateLimits.UserParameter] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [Harness.Load.RateLimits.AnonymousParameter] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
