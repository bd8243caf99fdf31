namespace Todo.Local.Waf;

/// <summary>
/// The AWS WAF web ACL the template puts on the API's stage, as the local host applies it to every API request
/// before the authorizer and the function: its rules in priority order, the first that ends the evaluation decides,
/// and a request no rule ends gets the default action (<c>Allow</c>, as the local host requires).
/// </summary>
public sealed class WebAcl(IReadOnlyList<FirewallRule> rules)
{
    public IReadOnlyList<FirewallRule> Rules { get; } = [.. rules.OrderBy(r => r.Priority)];

    /// <returns>The answer of the rule that blocks the request; null when it goes through.</returns>
    public FirewallBlock? Evaluate(HttpContext http, DateTimeOffset now)
    {
        var second = now.ToUnixTimeSeconds();
        foreach (var rule in Rules)
        {
            if (rule.Matches(http, second) && rule.Terminates)
                return rule.Block;
        }
        return null;
    }
}
