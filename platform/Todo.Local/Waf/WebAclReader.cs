using System.Globalization;
using System.Net;
using Todo.Local.Template;

namespace Todo.Local.Waf;

/// <summary>
/// Turns an <c>AWS::WAFv2::WebACL</c>'s resolved properties into the <see cref="WebAcl"/> the local host applies.
/// It evaluates the statements the template's rules are made of (Not, And, Or, ByteMatch and SizeConstraint on a
/// single header, RateBased by IP, forwarded IP or header) and refuses any other, so a rule is never silently
/// ignored; AWS's managed rule groups are not available here and are left out.
/// </summary>
public static class WebAclReader
{
    private const string DefaultWindowSeconds = "300";

    public static WebAcl Read(string id, Dictionary<string, object?> properties)
    {
        if (TemplateLoader.Dict(properties, "DefaultAction")?.ContainsKey("Allow") != true)
            throw new TemplateException($"{id}: the local host applies a web ACL whose DefaultAction is Allow only.");
        var bodies = TemplateLoader.Dict(properties, "CustomResponseBodies") ?? [];
        var rules = new List<FirewallRule>();
        foreach (var rule in TemplateLoader.List(properties, "Rules"))
        {
            var name = TemplateLoader.Text(rule, "Name") ?? throw new TemplateException($"{id}: a rule has no Name.");
            var statement = TemplateLoader.Dict(rule, "Statement") ?? throw new TemplateException($"{id} rule {name} has no Statement.");
            if (statement.ContainsKey("ManagedRuleGroupStatement"))
                continue;
            var priority = TemplateLoader.Number(rule, "Priority") ?? throw new TemplateException($"{id} rule {name} has no Priority.");
            var action = TemplateLoader.Dict(rule, "Action") ?? throw new TemplateException($"{id} rule {name} has no Action.");
            var matches = Statement($"{id} rule {name}", statement);
            rules.Add(action switch
            {
                _ when TemplateLoader.Dict(action, "Block") is { } block => new FirewallRule(name, priority, matches, true, Block($"{id} rule {name}", block, bodies)),
                _ when action.ContainsKey("Allow") => new FirewallRule(name, priority, matches, true, null),
                _ when action.ContainsKey("Count") => new FirewallRule(name, priority, matches, false, null),
                _ => throw new TemplateException($"{id} rule {name}: the local host applies Block, Allow and Count actions only."),
            });
        }
        return new WebAcl(rules);
    }

    private static FirewallBlock Block(string where, Dictionary<string, object?> block, Dictionary<string, object?> bodies)
    {
        if (TemplateLoader.Dict(block, "CustomResponse") is not { } custom)
            return FirewallBlock.Forbidden;
        var headers = TemplateLoader.List(custom, "ResponseHeaders")
            .ToDictionary(h => TemplateLoader.Text(h, "Name") ?? throw new TemplateException($"{where}: a response header has no Name."), h => TemplateLoader.Text(h, "Value") ?? "");
        var (contentType, body) = ("text/plain", "");
        if (TemplateLoader.Text(custom, "CustomResponseBodyKey") is { } key)
        {
            var named = TemplateLoader.Dict(bodies, key) ?? throw new TemplateException($"{where}: no CustomResponseBodies entry {key}.");
            contentType = TemplateLoader.Text(named, "ContentType") switch
            {
                "APPLICATION_JSON" => "application/json",
                "TEXT_HTML" => "text/html",
                _ => "text/plain",
            };
            body = TemplateLoader.Text(named, "Content") ?? "";
        }
        return new FirewallBlock(TemplateLoader.Number(custom, "ResponseCode") ?? 403, headers, contentType, body);
    }

    private static Func<HttpContext, long, bool> Statement(string where, Dictionary<string, object?> statement)
    {
        if (statement.Count != 1)
            throw new TemplateException($"{where}: a statement holds exactly one kind of statement.");
        var (kind, value) = statement.First();
        var body = value as Dictionary<string, object?> ?? throw new TemplateException($"{where}: {kind} is not a map.");
        switch (kind)
        {
            case "NotStatement":
                var inner = Statement(where, TemplateLoader.Dict(body, "Statement") ?? throw new TemplateException($"{where}: NotStatement has no Statement."));
                return (http, second) => !inner(http, second);
            case "AndStatement":
            case "OrStatement":
                var parts = TemplateLoader.List(body, "Statements").Select(s => Statement(where, s)).ToList();
                return kind == "AndStatement" ? (http, second) => parts.All(p => p(http, second)) : (http, second) => parts.Any(p => p(http, second));
            case "ByteMatchStatement":
                return ByteMatch(where, body);
            case "SizeConstraintStatement":
                return SizeConstraint(where, body);
            case "RateBasedStatement":
                return RateBased(where, body);
            default:
                throw new TemplateException($"{where}: the local host does not apply a {kind}.");
        }
    }

    private static Func<HttpContext, long, bool> ByteMatch(string where, Dictionary<string, object?> statement)
    {
        var header = SingleHeader(where, statement);
        var search = TemplateLoader.Text(statement, "SearchString") ?? throw new TemplateException($"{where}: ByteMatchStatement has no SearchString.");
        Func<string, bool> test = TemplateLoader.Text(statement, "PositionalConstraint") switch
        {
            "EXACTLY" => v => v == search,
            "STARTS_WITH" => v => v.StartsWith(search, StringComparison.Ordinal),
            "ENDS_WITH" => v => v.EndsWith(search, StringComparison.Ordinal),
            "CONTAINS" => v => v.Contains(search, StringComparison.Ordinal),
            var other => throw new TemplateException($"{where}: the local host does not apply the positional constraint {other}."),
        };
        return (http, _) => HeaderOf(http, header) is { } value && test(value);
    }

    private static Func<HttpContext, long, bool> SizeConstraint(string where, Dictionary<string, object?> statement)
    {
        var header = SingleHeader(where, statement);
        var size = TemplateLoader.Number(statement, "Size") ?? throw new TemplateException($"{where}: SizeConstraintStatement has no Size.");
        Func<int, bool> test = TemplateLoader.Text(statement, "ComparisonOperator") switch
        {
            "EQ" => n => n == size,
            "NE" => n => n != size,
            "LE" => n => n <= size,
            "LT" => n => n < size,
            "GE" => n => n >= size,
            "GT" => n => n > size,
            var other => throw new TemplateException($"{where}: no comparison operator {other}."),
        };
        // As WAF: a header the request does not have matches no statement on it.
        return (http, _) => HeaderOf(http, header) is { } value && test(System.Text.Encoding.UTF8.GetByteCount(value));
    }

    private static Func<HttpContext, long, bool> RateBased(string where, Dictionary<string, object?> statement)
    {
        var limit = long.Parse(TemplateLoader.Text(statement, "Limit") ?? throw new TemplateException($"{where}: RateBasedStatement has no Limit."), CultureInfo.InvariantCulture);
        var window = int.Parse(TemplateLoader.Text(statement, "EvaluationWindowSec") ?? DefaultWindowSeconds, CultureInfo.InvariantCulture);
        if (limit < 10 || window is not (60 or 120 or 300 or 600))
            throw new TemplateException($"{where}: AWS WAF takes a Limit of at least 10 and an EvaluationWindowSec of 60, 120, 300 or 600.");
        Func<HttpContext, string?> key = TemplateLoader.Text(statement, "AggregateKeyType") switch
        {
            // The local host is the edge as well as the stage: the forwarded address is the viewer's own, which it sees directly.
            "IP" or "FORWARDED_IP" => http => (http.Connection.RemoteIpAddress ?? IPAddress.Loopback).ToString(),
            "CUSTOM_KEYS" => HeaderKey(where, statement),
            var other => throw new TemplateException($"{where}: the local host does not aggregate by {other}."),
        };
        var scope = TemplateLoader.Dict(statement, "ScopeDownStatement") is { } down ? Statement(where, down) : null;
        var counter = new RateCounter(limit, window);
        // A request outside the scope, or without the key, is not counted.
        return (http, second) => (scope is null || scope(http, second)) && key(http) is { } value && counter.CountOver(value, second);
    }

    private static Func<HttpContext, string?> HeaderKey(string where, Dictionary<string, object?> statement)
    {
        var keys = TemplateLoader.List(statement, "CustomKeys").ToList();
        if (keys is not [{ } only] || TemplateLoader.Dict(only, "Header") is not { } header)
            throw new TemplateException($"{where}: the local host aggregates by one Header custom key only.");
        var name = TemplateLoader.Text(header, "Name") ?? throw new TemplateException($"{where}: a Header key has no Name.");
        NoTransformation(where, header);
        return http => HeaderOf(http, name);
    }

    private static string SingleHeader(string where, Dictionary<string, object?> statement)
    {
        NoTransformation(where, statement);
        return TemplateLoader.Text(TemplateLoader.Dict(TemplateLoader.Dict(statement, "FieldToMatch"), "SingleHeader"), "Name")
            ?? throw new TemplateException($"{where}: the local host matches a SingleHeader field only.");
    }

    private static void NoTransformation(string where, Dictionary<string, object?> owner)
    {
        if (TemplateLoader.List(owner, "TextTransformations").Any(t => TemplateLoader.Text(t, "Type") != "NONE"))
            throw new TemplateException($"{where}: the local host applies no text transformation but NONE.");
    }

    private static string? HeaderOf(HttpContext http, string name) =>
        http.Request.Headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString() : null;
}
