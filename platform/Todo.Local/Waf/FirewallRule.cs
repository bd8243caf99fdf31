namespace Todo.Local.Waf;

/// <summary>
/// One rule of a web ACL: whether a request matches it (at a second, for a rate rule's window), and what a match
/// does: <see cref="Block"/> ends the evaluation with that answer, an <c>Allow</c> (<see cref="Terminates"/> and no
/// block) ends it letting the request through, a <c>Count</c> only counts and goes on to the next rule.
/// </summary>
public sealed record FirewallRule(string Name, int Priority, Func<HttpContext, long, bool> Matches, bool Terminates, FirewallBlock? Block);
