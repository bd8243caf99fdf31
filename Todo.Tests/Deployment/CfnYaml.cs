using YamlDotNet.RepresentationModel;

namespace Todo.Tests.Deployment;

/// <summary>An intrinsic function as written, unresolved: <c>!GetAtt A.B</c> is <c>Fn::GetAtt [A, B]</c>. Equal when written alike.</summary>
public sealed record Intrinsic(string Function, object? Argument)
{
    public bool Equals(Intrinsic? other) => other is not null && ToString() == other.ToString();

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    public override string ToString() => $"{Function}({Text(Argument)})";

    private static string Text(object? value) => value switch
    {
        List<object?> list => "[" + string.Join(", ", list.Select(Text)) + "]",
        Dictionary<string, object?> map => "{" + string.Join(", ", map.Select(p => $"{p.Key}: {Text(p.Value)}")) + "}",
        _ => value?.ToString() ?? "null",
    };
}

/// <summary>
/// Reads a CloudFormation YAML template into plain values (maps, lists, text) and <see cref="Intrinsic"/>s,
/// short form (<c>!Sub</c>) and long form (<c>Fn::Sub:</c>) alike, so tests can see what refers to what.
/// </summary>
public static class CfnYaml
{
    public static Dictionary<string, object?> Load(string path)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(path))
            yaml.Load(reader);
        return (Dictionary<string, object?>)Read(yaml.Documents[0].RootNode)!;
    }

    private static object? Read(YamlNode node)
    {
        var value = node switch
        {
            YamlScalarNode scalar => (object?)scalar.Value,
            YamlSequenceNode sequence => sequence.Children.Select(Read).ToList(),
            YamlMappingNode map => map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => Read(p.Value)),
            _ => throw new InvalidOperationException($"Unexpected YAML at {node.Start}."),
        };
        if (!node.Tag.IsEmpty && !node.Tag.IsNonSpecific && node.Tag.IsLocal)
            return Intrinsic(node.Tag.Value.TrimStart('!') is "Ref" or "Condition" ? node.Tag.Value.TrimStart('!') : "Fn::" + node.Tag.Value.TrimStart('!'), value);
        if (value is Dictionary<string, object?> { Count: 1 } single && single.Keys.First() is "Ref" or "Condition" || value is Dictionary<string, object?> { Count: 1 } fn && fn.Keys.First().StartsWith("Fn::", StringComparison.Ordinal))
        {
            var (function, argument) = ((Dictionary<string, object?>)value).First();
            return Intrinsic(function, argument);
        }
        return value;
    }

    private static Intrinsic Intrinsic(string function, object? argument) =>
        function == "Fn::GetAtt" && argument is string text && text.Split('.', 2) is [var resource, var attribute]
            ? new Intrinsic(function, new List<object?> { resource, attribute })
            : new Intrinsic(function, argument);
}
