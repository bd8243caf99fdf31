using System.CommandLine;
using Todo.Operator.Verbs;

namespace Todo.Operator.Cli;

/// <summary>The <c>todoctl</c> command line: every verb, over the local stack or a deployed one.</summary>
public static class OperatorCli
{
    /// <param name="repositoryRoot">Where <c>.local/endpoints.json</c> is looked for.</param>
    /// <param name="interactive">Whether the output is a terminal (progress bars, colours).</param>
    /// <param name="input">Where confirmations are read from; null when nobody can answer them.</param>
    public static RootCommand Build(string repositoryRoot, TextWriter output, TextWriter error, bool interactive, TextReader? input)
    {
        var options = new GlobalOptions(repositoryRoot);
        var action = new VerbAction(options, output, error, interactive, input);
        var root = new RootCommand("todoctl: operate the todo backend's event store and read model");
        foreach (var option in options.All)
            root.Options.Add(option);
        root.Subcommands.Add(StatusVerb.Build(action));
        root.Subcommands.Add(EventsVerb.Build(action));
        root.Subcommands.Add(VerifyVerb.Build(action));
        root.Subcommands.Add(ReplayVerb.Build(action));
        root.Subcommands.Add(ParkedVerb.Build(action));
        root.Subcommands.Add(RebuildVerb.Build(action));
        root.Subcommands.Add(RebuildVerb.BuildRollback(action));
        return root;
    }

    public static Task<int> RunAsync(string[] args, string repositoryRoot, TextWriter output, TextWriter error, bool interactive, TextReader? input,
        CancellationToken cancellationToken = default) =>
        Build(repositoryRoot, output, error, interactive, input).Parse(args)
            .InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
}
