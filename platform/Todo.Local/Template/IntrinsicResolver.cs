using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Todo.Local.Template;

/// <summary>
/// Turns the template's YAML into plain values (string, map, list), resolving the intrinsic functions
/// it uses, in short (<c>!Ref</c>) and long (<c>Ref:</c>) form, the way CloudFormation would for a
/// local stack: Ref, Fn::GetAtt and Fn::Sub with parameters and pseudo parameters, and Fn::If on the
/// template's conditions (Fn::Equals, Fn::Not, Fn::And, Fn::Or), where <c>AWS::NoValue</c> removes the
/// value it stands for.
/// </summary>
/// <param name="conditions">The template's Conditions section, by name.</param>
public sealed partial class IntrinsicResolver(
    IReadOnlyDictionary<string, string> parameters,
    IReadOnlyDictionary<string, string> resourceNames,
    IReadOnlyDictionary<string, string> pseudoParameters,
    IReadOnlyDictionary<string, YamlNode>? conditions = null)
{
    private const string NoValueName = "AWS::NoValue";

    /// <summary>What <c>!Ref AWS::NoValue</c> resolves to, until the map or list holding it drops it.</summary>
    private static readonly object NoValue = new();

    public object? Resolve(YamlNode node)
    {
        var value = ResolveAny(node);
        return ReferenceEquals(value, NoValue) ? null : value;
    }

    private object? ResolveAny(YamlNode node) => (node, Tag(node)) switch
    {
        (YamlScalarNode scalar, "!Ref") => Ref(scalar.Value!),
        (YamlScalarNode scalar, "!GetAtt") => ParseGetAtt(scalar.Value!),
        (YamlScalarNode scalar, "!Sub") => Sub(scalar.Value!),
        (YamlScalarNode scalar, null) => scalar.Value,
        (YamlSequenceNode sequence, "!GetAtt") => new GetAtt(Text(sequence[0]), Text(sequence[1])),
        (YamlSequenceNode sequence, "!If") => If(sequence),
        (YamlMappingNode { Children.Count: 1 } map, null) when LongForm(map) is var (found, intrinsic) && found => intrinsic,
        (YamlMappingNode map, null) => map.Children
            .Select(p => (Key: Text(p.Key), Value: ResolveAny(p.Value)))
            .Where(p => !ReferenceEquals(p.Value, NoValue))
            .ToDictionary(p => p.Key, p => p.Value),
        (YamlSequenceNode sequence, null) => sequence.Children.Select(ResolveAny).Where(v => !ReferenceEquals(v, NoValue)).ToList(),
        _ => throw new TemplateException($"Unsupported YAML node {node.Tag} at {node.Start}."),
    };

    /// <summary>Whether the named condition of the template holds.</summary>
    public bool IsTrue(string condition) =>
        conditions is not null && conditions.TryGetValue(condition, out var node)
            ? Holds(node)
            : throw new TemplateException($"No condition {condition} in the template's Conditions.");

    private bool Holds(YamlNode node) => (node, Tag(node)) switch
    {
        (YamlSequenceNode s, "!Equals") => Equals(Resolve(s[0])?.ToString(), Resolve(s[1])?.ToString()),
        (YamlSequenceNode s, "!Not") => !Holds(s[0]),
        (YamlSequenceNode s, "!And") => s.Children.All(Holds),
        (YamlSequenceNode s, "!Or") => s.Children.Any(Holds),
        (YamlScalarNode s, "!Condition") => IsTrue(s.Value!),
        (YamlMappingNode { Children.Count: 1 } map, null) => Text(map.Children.First().Key) switch
        {
            "Fn::Equals" when map.Children.First().Value is YamlSequenceNode s => Equals(Resolve(s[0])?.ToString(), Resolve(s[1])?.ToString()),
            "Fn::Not" when map.Children.First().Value is YamlSequenceNode s => !Holds(s[0]),
            "Fn::And" when map.Children.First().Value is YamlSequenceNode s => s.Children.All(Holds),
            "Fn::Or" when map.Children.First().Value is YamlSequenceNode s => s.Children.Any(Holds),
            "Condition" => IsTrue(Text(map.Children.First().Value)),
            _ => throw new TemplateException($"Unsupported condition at {node.Start}."),
        },
        _ => throw new TemplateException($"Unsupported condition at {node.Start}."),
    };

    private object? If(YamlSequenceNode arguments) =>
        arguments.Children.Count == 3
            ? ResolveAny(IsTrue(Text(arguments[0])) ? arguments[1] : arguments[2])
            : throw new TemplateException($"Fn::If takes a condition and two values, at {arguments.Start}.");

    /// <summary>The node's local tag such as <c>!Ref</c>, or null for plain YAML.</summary>
    private static string? Tag(YamlNode node) =>
        node.Tag.IsEmpty || node.Tag.IsNonSpecific || !node.Tag.IsLocal ? null : node.Tag.Value;

    /// <returns>Whether the map is an intrinsic function, and its value.</returns>
    private (bool Found, object? Value) LongForm(YamlMappingNode map)
    {
        var (key, value) = map.Children.First();
        return Text(key) switch
        {
            "Ref" => (true, Ref(Text(value))),
            "Fn::GetAtt" => (true, value is YamlSequenceNode s ? new GetAtt(Text(s[0]), Text(s[1])) : ParseGetAtt(Text(value))),
            "Fn::Sub" => (true, Sub(Text(value))),
            "Fn::If" when value is YamlSequenceNode arguments => (true, If(arguments)),
            _ => (false, null),
        };
    }

    private object Ref(string name) => name == NoValueName ? NoValue : RefText(name);

    private string RefText(string name) =>
        parameters.TryGetValue(name, out var parameter) ? parameter
        : pseudoParameters.TryGetValue(name, out var pseudo) ? pseudo
        : resourceNames.TryGetValue(name, out var resource) ? resource
        : throw new TemplateException($"!Ref {name} names no parameter or resource.");

    private string Sub(string text) => SubVariable().Replace(text, match =>
    {
        var name = match.Groups[2].Value;
        if (match.Groups[1].Success)
            return "${" + name + "}"; // ${!Literal} is the escape for a literal ${Literal}
        return name.Contains('.') && !name.StartsWith("AWS::", StringComparison.Ordinal) ? ParseGetAtt(name).ToString() : RefText(name);
    });

    private static GetAtt ParseGetAtt(string text) =>
        text.Split('.', 2) is [var resource, var attribute] ? new GetAtt(resource, attribute) : throw new TemplateException($"Bad !GetAtt {text}.");

    private static string Text(YamlNode node) =>
        node is YamlScalarNode { Value: { } value } ? value : throw new TemplateException($"Expected text at {node.Start}.");

    [GeneratedRegex(@"\$\{(!)?([^}!][^}]*)\}")]
    private static partial Regex SubVariable();
}
