using Todo.Lambda.Runtime;

namespace Todo.Commands;

internal static class Program
{
    private static Task<int> Main() => LambdaRuntime.RunAsync(CommandFunctions.Catalog);
}
