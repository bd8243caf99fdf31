using System.Globalization;
using Todo.Harness.Load;

namespace Todo.Tests.Support;

/// <summary>The app with sign-in and the template's rate rules at their lowest, so that a test reaches them in a few requests.</summary>
public sealed class RateLimitedAppFixture : SignInAppFixture
{
    public const int Limit = 10;

    protected override IReadOnlyDictionary<string, string> Parameters => new Dictionary<string, string>
    {
        [RateLimits.UserParameter] = Limit.ToString(CultureInfo.InvariantCulture),
        [RateLimits.AnonymousParameter] = Limit.ToString(CultureInfo.InvariantCulture),
    };
}
