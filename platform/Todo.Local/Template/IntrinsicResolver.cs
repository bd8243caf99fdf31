using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Todo.Local.Template;

/// <summary>
/// Turns the template's YAML into plain values (string, map, list), resolving the intrinsic functions
/// it uses, in short (<c>!Ref</c>) and long (<c>Ref:</c>) form, the way CloudFormation would for a
/// local stack: Ref, Fn::GetAtt and Fn::Sub with parameters and pseudo parameters.
/// </summary>
public sealed partial class IntrinsicResolver(
    IReadOnlyDictionary<string, string> parameters,
    IReadOnlyDictionary<string, string> resourceNames,
    IReadOnlyDictionary<string, string> pseudoParameters)
{
    public object? Resolve(YamlNode node) => (node, Tag(node)) switch
    {
        (YamlScalarNode scalar, "!Ref") => Ref(scalar.Value!),
        (YamlScalarNode scalar, "!GetAtt") => ParseGetAtt(scalar.Value!),
        (YamlScalarNode scalar, "!Sub") => Sub(scalar.Value!),
        (YamlScalarNode scalar, null) => scalar.Value,
        (YamlSequenceNode sequence, "!GetAtt") => new GetAtt(Text(sequence[0]), Text(sequence[1])),
        (YamlMappingNode { Children.Count: 1 } map, null) when LongForm(map) is { } intrinsic => intrinsic,
        (YamlMappingNode map, null) => map.Children.ToDictionary(p => Text(p.Key), p => Resolve(p.Value)),
        (YamlSequenceNode sequence, null) => sequence.Children.Select(Resolve).ToList(),
        _ => throw new TemplateException($"Unsupported YAML node {node.Tag} at {node.Start}."),
    };

    /// <summary>The node's local tag such as <c>!Ref</c>, or null for plain YAML.</summary>
    private static string? Tag(YamlNode node) =>
        node.Tag.IsEmpty || node.Tag.IsNonSpecific || !node.Tag.IsLocal ? null : node.Tag.Value;

    private object? LongForm(YamlMappingNode map)
    {
        var (key, value) = map.Children.First();
        return Text(key) switch
        {
            "Ref" => Ref(Text(value)),
            "Fn::GetAtt" => value is YamlSequenceNode s ? new GetAtt(Text(s[0]), Text(s[1])) : ParseGetAtt(Text(value)),
            "Fn::Sub" => Sub(Text(value)),
            _ => null,
        };
    }

    private string Ref(string name) =>
        parameters.TryGetValue(name, out var parameter) ? parameter
        : pseudoParameters.TryGetValue(name, out var pseudo) ? pseudo
        : resourceNames.TryGetValue(name, out var resource) ? resource
        : throw new TemplateException($"!Ref {name} names no parameter or resource.");

    private string Sub(string text) => SubVariable().Replace(text, match =>
    {
        var name = match.Groups[2].Value;
        if (match.Groups[1].Success)
            return "${" + name + "}"; // ${!Literal} is the escape for a literal ${Literal}
        return name.Contains('.') && !name.StartsWith("AWS::", StringComparison.Ordinal) ? ParseGetAtt(name).ToString() : Ref(name);
    });

    private static GetAtt ParseGetAtt(string text) =>
        text.Split('.', 2) is [var resource, var attribute] ? new GetAtt(resource, attribute) : throw new TemplateException($"Bad !GetAtt {text}.");

    private static string Text(YamlNode node) =>
        node is YamlScalarNode { Value: { } value } ? value : throw new TemplateException($"Expected text at {node.Start}.");

    [GeneratedRegex(@"\$\{(!)?([^}!][^}]*)\}")]
    private static partial Regex SubVariable();
}
