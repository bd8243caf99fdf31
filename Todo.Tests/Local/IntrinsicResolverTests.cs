using Todo.Local.Template;
using YamlDotNet.RepresentationModel;

namespace Todo.Tests.Local;

/// <summary>The intrinsic functions template.yaml may use, in short (!Ref) and long (Ref:) form.</summary>
public class IntrinsicResolverTests
{
    private static readonly IntrinsicResolver Resolver = new(
        new Dictionary<string, string> { ["AllowedOrigin"] = "http://127.0.0.1:3000", ["Stage"] = "prod" },
        new Dictionary<string, string> { ["EventsTable"] = "todo-local-events", ["TodoApi"] = "TodoApi" },
        new Dictionary<string, string> { ["AWS::StackName"] = "todo-local", ["AWS::Region"] = "us-east-1" });

    private static object? Resolve(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        return Resolver.Resolve(root.Children[new YamlScalarNode("value")]);
    }

    [Theory]
    [InlineData("value: !Ref AllowedOrigin", "http://127.0.0.1:3000")]
    [InlineData("value: { Ref: AllowedOrigin }", "http://127.0.0.1:3000")]
    [InlineData("value:\n  Ref: EventsTable", "todo-local-events")]
    [InlineData("value: !Ref AWS::Region", "us-east-1")]
    [InlineData("value: { Ref: AWS::StackName }", "todo-local")]
    public void Ref_resolves_parameters_resources_and_pseudo_parameters(string yaml, string expected)
    {
        Assert.Equal(expected, Resolve(yaml));
    }

    [Theory]
    [InlineData("value: !Sub ${AWS::StackName}-events", "todo-local-events")]
    [InlineData("value: { 'Fn::Sub': '${AWS::StackName}-${Stage}' }", "todo-local-prod")]
    [InlineData("value:\n  Fn::Sub: \"'${AllowedOrigin}'\"", "'http://127.0.0.1:3000'")]
    [InlineData("value: !Sub no variables", "no variables")]
    [InlineData("value: !Sub ${EventsTable.Arn}/index/x", "EventsTable.Arn/index/x")]
    [InlineData("value: !Sub ${!Literal}-${Stage}", "${Literal}-prod")]
    public void Sub_substitutes_in_short_and_long_form(string yaml, string expected)
    {
        Assert.Equal(expected, Resolve(yaml));
    }

    [Theory]
    [InlineData("value: !GetAtt EventsTable.StreamArn")]
    [InlineData("value: !GetAtt [EventsTable, StreamArn]")]
    [InlineData("value: { 'Fn::GetAtt': EventsTable.StreamArn }")]
    [InlineData("value:\n  Fn::GetAtt: [EventsTable, StreamArn]")]
    [InlineData("value:\n  Fn::GetAtt:\n    - EventsTable\n    - StreamArn")]
    public void GetAtt_stays_a_reference_in_every_form(string yaml)
    {
        Assert.Equal(new GetAtt("EventsTable", "StreamArn"), Resolve(yaml));
    }

    [Fact]
    public void Plain_yaml_becomes_maps_lists_and_strings()
    {
        var value = Resolve("value:\n  a: [1, x]\n  b: { c: !Ref Stage }\n  d: plain");

        var map = Assert.IsType<Dictionary<string, object?>>(value);
        Assert.Equal(["1", "x"], Assert.IsType<List<object?>>(map["a"]));
        Assert.Equal("prod", Assert.IsType<Dictionary<string, object?>>(map["b"])["c"]);
        Assert.Equal("plain", map["d"]);
    }

    [Fact]
    public void A_single_key_map_that_is_no_intrinsic_stays_a_map()
    {
        var map = Assert.IsType<Dictionary<string, object?>>(Resolve("value: { Name: x }"));

        Assert.Equal("x", Assert.Single(map).Value);
    }

    [Theory]
    [InlineData("value: !Ref Unknown")]
    [InlineData("value: { Ref: Unknown }")]
    [InlineData("value: !Sub ${Unknown}-x")]
    [InlineData("value: { 'Fn::Sub': 'x-${AWS::AccountId}' }")]
    public void Ref_to_an_unknown_name_throws(string yaml)
    {
        var error = Assert.Throws<TemplateException>(() => Resolve(yaml));

        Assert.Contains("names no parameter or resource", error.Message);
    }

    [Theory]
    [InlineData("value: !GetAtt NoDot")]
    [InlineData("value: { 'Fn::GetAtt': NoDot }")]
    public void A_malformed_GetAtt_throws(string yaml)
    {
        Assert.Throws<TemplateException>(() => Resolve(yaml));
    }

    [Theory]
    [InlineData("value: !Ref [a, b]")]
    [InlineData("value: !FindInMap [a, b, c]")]
    [InlineData("value: !Base64 text")]
    public void An_unsupported_tag_throws(string yaml)
    {
        Assert.Throws<TemplateException>(() => Resolve(yaml));
    }
}
