using Todo.Operator.Cli;

namespace Todo.Tests.Operator;

/// <summary>
/// What todoctl refuses before it reaches a deployed stack: a verb that would write asks first (or wants --yes),
/// and --region must be a region's name, since it becomes part of the host name a request is signed for.
/// Nothing here reaches AWS: each case stops before todoctl resolves the stack.
/// </summary>
public sealed class DeployedStackGuardTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("todoctl-guard-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private async Task<(int Exit, string Error)> RunAsync(TextReader? input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await OperatorCli.RunAsync(args, root, output, error, interactive: false, input);
        return (exit, error.ToString());
    }

    public static TheoryData<string[]> WritingVerbs => new()
    {
        new[] { "rebuild" },
        new[] { "rollback" },
        new[] { "replay", "--todo", "3f8e2a1c-0000-4000-8000-000000000001" },
        new[] { "verify", "--repair" },
        new[] { "parked", "redrive" },
        new[] { "parked", "discard", "3f8e2a1c-0000-4000-8000-000000000001" },
    };

    [Theory]
    [MemberData(nameof(WritingVerbs))]
    public async Task A_verb_that_writes_to_a_deployed_stack_without_a_terminal_wants_yes(string[] verb)
    {
        var (exit, error) = await RunAsync(null, [.. verb, "--stack", "todo", "--region", "eu-west-1"]);

        Assert.Equal(VerbAction.Failed, exit);
        Assert.Contains("writes to the deployed stack todo", error);
        Assert.Contains("--yes", error);
    }

    [Fact]
    public async Task An_answer_other_than_yes_writes_nothing()
    {
        using var no = new StringReader("y\n");

        var (exit, error) = await RunAsync(no, "rebuild", "--stack", "todo", "--region", "eu-west-1");

        Assert.Equal(VerbAction.Failed, exit);
        Assert.Contains("Type yes to go on", error);
        Assert.Contains("Not confirmed; nothing was written.", error);
    }

    [Theory]
    [InlineData("eu-west-1.attacker.example/#")]
    [InlineData("EU-WEST-1")]
    [InlineData("eu west 1")]
    [InlineData("")]
    public async Task A_region_that_is_no_region_name_is_refused(string region)
    {
        var (exit, error) = await RunAsync(null, "status", "--stack", "todo", "--region", region);

        Assert.Equal(VerbAction.Failed, exit);
        Assert.Contains("is not an AWS region name", error);
    }
}
