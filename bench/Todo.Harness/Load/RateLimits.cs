namespace Todo.Harness.Load;

/// <summary>
/// The template's per-client rate limits (its AWS WAF rules, which the local host applies), and the parameter values
/// that lift them out of the way of a load that comes, as every test's and benchmark's does, from one address.
/// </summary>
public static class RateLimits
{
    public const string UserParameter = "UserRequestsPerMinute";
    public const string AnonymousParameter = "AnonymousRequestsPerMinute";

    /// <summary>WAF's highest rate-based limit, which no local load reaches in a minute.</summary>
    public const string Highest = "2000000000";

    public static readonly IReadOnlyDictionary<string, string> Lifted = new Dictionary<string, string>
    {
        [UserParameter] = Highest,
        [AnonymousParameter] = Highest,
    };

    /// <summary>The same as the local host's command-line options.</summary>
    public static IEnumerable<string> LiftedArguments => Lifted.SelectMany(p => new[] { "--parameter", $"{p.Key}={p.Value}" });
}
