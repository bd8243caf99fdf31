using System.CommandLine;
using Todo.LocalStack;
using Todo.Operator.Target;

namespace Todo.Operator.Cli;

/// <summary>The options every verb takes: where the stack is and how to answer.</summary>
public sealed class GlobalOptions(string repositoryRoot)
{
    public Option<bool> Json { get; } = new("--json") { Description = "Answer with JSON, for scripts", Recursive = true };
    public Option<string?> Stack { get; } = new("--stack") { Description = "A deployed stack's name (with --region); default: the local stack", Recursive = true };
    public Option<string?> Region { get; } = new("--region") { Description = "The deployed stack's AWS region", Recursive = true };
    public Option<string?> Endpoints { get; } = new("--endpoints") { Description = $"The local stack's endpoints file (default {LocalEndpoints.RelativePath})", Recursive = true };

    public IEnumerable<Option> All => [Json, Stack, Region, Endpoints];

    public async Task<OperatorTarget> TargetAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var stack = parse.GetValue(Stack);
        var region = parse.GetValue(Region);
        if (stack is not null || region is not null)
        {
            if (stack is null || region is null)
                throw new OperatorException("--stack and --region go together.");
            return await OperatorTarget.DeployedAsync(stack, region, cancellationToken);
        }
        return OperatorTarget.Local(parse.GetValue(Endpoints) ?? Path.Combine(repositoryRoot, LocalEndpoints.RelativePath));
    }
}
