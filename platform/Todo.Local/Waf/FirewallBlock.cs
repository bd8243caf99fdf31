namespace Todo.Local.Waf;

/// <summary>The answer to a request a rule blocks: WAF's own 403, or the rule's custom response.</summary>
public sealed record FirewallBlock(int Status, IReadOnlyDictionary<string, string> Headers, string ContentType, string Body)
{
    /// <summary>What AWS WAF answers on an API Gateway stage for a plain <c>Block</c>.</summary>
    public static readonly FirewallBlock Forbidden = new(403, new Dictionary<string, string>(), "application/json", """{"message":"Forbidden"}""");
}
