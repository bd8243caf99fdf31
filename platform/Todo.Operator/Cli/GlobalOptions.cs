using System.CommandLine;
using System.Text.RegularExpressions;
using Todo.LocalStack;
using Todo.Operator.Target;

namespace Todo.Operator.Cli;

/// <summary>The options every verb takes: where the stack is and how to answer.</summary>
public sealed partial class GlobalOptions(string repositoryRoot)
{
    public Option<bool> Json { get; } = new("--json") { Description = "Answer with JSON, for scripts", Recursive = true };
    public Option<string?> Stack { get; } = new("--stack") { Description = "A deployed stack's name (with --region); default: the local stack", Recursive = true };
    public Option<string?> Region { get; } = new("--region") { Description = "The deployed stack's AWS region", Recursive = true };
    public Option<string?> Endpoints { get; } = new("--endpoints") { Description = $"The local stack's endpoints file (default {LocalEndpoints.RelativePath})", Recursive = true };
    public Option<bool> Yes { get; } = new("--yes") { Description = "Write to a deployed stack without being asked first", Recursive = true };

    public IEnumerable<Option> All => [Json, Stack, Region, Endpoints, Yes];

    /// <summary>Whether the verb acts on a deployed stack rather than the local one.</summary>
    public bool Deployed(ParseResult parse) => parse.GetValue(Stack) is not null || parse.GetValue(Region) is not null;

    public async Task<OperatorTarget> TargetAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var stack = parse.GetValue(Stack);
        var region = parse.GetValue(Region);
        if (stack is not null || region is not null)
        {
            if (stack is null || region is null)
                throw new OperatorException("--stack and --region go together.");
            // It becomes part of a host name the request is signed for: only a region's name is taken.
            if (!RegionName().IsMatch(region))
                throw new OperatorException($"'{region}' is not an AWS region name, such as eu-west-1.");
            return await OperatorTarget.DeployedAsync(stack, region, cancellationToken);
        }
        return OperatorTarget.Local(parse.GetValue(Endpoints) ?? Path.Combine(repositoryRoot, LocalEndpoints.RelativePath));
    }

    /// <summary>AWS's region names: eu-west-1, us-gov-west-1, ap-southeast-5, cn-north-1, us-isob-east-1.</summary>
    [GeneratedRegex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]{1,2}$")]
    private static partial Regex RegionName();
}
