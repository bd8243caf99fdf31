using Todo.Local.Template;
using Todo.Tests.Support;

namespace Todo.Tests.Deployment;

/// <summary>template.yaml as written (intrinsics unresolved, for what refers to what) and as the local host resolves it.</summary>
public static class DeployedTemplate
{
    public static Dictionary<string, object?> Raw { get; } = CfnYaml.Load(Repository.Template);

    public static SamTemplate Loaded { get; } = TemplateLoader.Load(Repository.Template, "todo-test", new Dictionary<string, string>());

    public static Dictionary<string, object?> Resources => Map(Raw, "Resources");

    public static IEnumerable<(string Id, Dictionary<string, object?> Resource)> OfType(string type) =>
        Resources.Select(r => (r.Key, (Dictionary<string, object?>)r.Value!)).Where(r => (string?)r.Item2.GetValueOrDefault("Type") == type);

    /// <summary>Every intrinsic function in the template, those nested in others included.</summary>
    public static IEnumerable<Intrinsic> Intrinsics() => IntrinsicsIn(Raw);

    private static IEnumerable<Intrinsic> IntrinsicsIn(object? node) => node switch
    {
        Intrinsic intrinsic => IntrinsicsIn(intrinsic.Argument).Prepend(intrinsic),
        Dictionary<string, object?> map => map.Values.SelectMany(IntrinsicsIn),
        List<object?> list => list.SelectMany(IntrinsicsIn),
        _ => [],
    };

    public static Dictionary<string, object?> Properties(string id) => Map(Map(Resources, id), "Properties");

    /// <summary>A function's property, from the function or else from <c>Globals.Function</c>.</summary>
    public static object? FunctionProperty(string id, string name) =>
        Properties(id).GetValueOrDefault(name) ?? Map(Map(Raw, "Globals"), "Function").GetValueOrDefault(name);

    public static Dictionary<string, object?> Map(Dictionary<string, object?> owner, string key) =>
        owner.GetValueOrDefault(key) as Dictionary<string, object?> ?? throw new KeyNotFoundException($"No map {key}.");

    public static IEnumerable<Dictionary<string, object?>> List(Dictionary<string, object?> owner, string key) =>
        owner.GetValueOrDefault(key) switch
        {
            List<object?> list => list.Cast<Dictionary<string, object?>>(),
            Dictionary<string, object?> single => [single],
            _ => [],
        };

    /// <summary>A statement's Action or Resource, one value or a list.</summary>
    public static IEnumerable<object?> Values(Dictionary<string, object?> statement, string key) =>
        statement.GetValueOrDefault(key) switch
        {
            List<object?> list => list,
            null => [],
            var one => [one],
        };

    /// <summary>
    /// The statements a function's role grants: its SAM <c>Policies</c> or, with <c>Role: !GetAtt R.Arn</c>,
    /// the inline policies of R. Every entry must be an inline statement list: a policy template or a
    /// managed policy would grant what the template does not spell out.
    /// </summary>
    public static IEnumerable<Dictionary<string, object?>> Statements(string functionId)
    {
        var function = Properties(functionId);
        if (function.GetValueOrDefault("Role") is Intrinsic { Function: "Fn::GetAtt", Argument: List<object?> and [string role, "Arn"] })
            return List(Properties(role), "Policies").SelectMany(p => List(Map(p, "PolicyDocument"), "Statement"));
        return (function.GetValueOrDefault("Policies") as List<object?> ?? [])
            .Select(p => p as Dictionary<string, object?> ?? throw new InvalidOperationException($"{functionId}: the policy {p} is not an inline statement list."))
            .SelectMany(p => List(p, "Statement"));
    }

    /// <summary>
    /// A policy resource by what it names: <c>!GetAtt T.Arn</c> is <c>T</c>, <c>!GetAtt T.StreamArn</c> is
    /// <c>T/stream</c>, <c>!Sub ${T.Arn}/index/I</c> is <c>T/index/I</c>, <c>!Ref AWS::StackId</c> is <c>AWS::StackId</c>,
    /// text stays as it is.
    /// </summary>
    public static string ResourceName(object? resource) => resource switch
    {
        Intrinsic { Function: "Fn::GetAtt", Argument: List<object?> and [string id, "Arn"] } => id,
        Intrinsic { Function: "Fn::GetAtt", Argument: List<object?> and [string id, "StreamArn"] } => id + "/stream",
        Intrinsic { Function: "Fn::Sub", Argument: string text } when text.StartsWith("${", StringComparison.Ordinal) && text.IndexOf(".Arn}", StringComparison.Ordinal) is > 2 and var end =>
            text[2..end] + text[(end + ".Arn}".Length)..],
        Intrinsic { Function: "Ref", Argument: string name } => name,
        string text => text,
        _ => resource?.ToString() ?? "",
    };
}
