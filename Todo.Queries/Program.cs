using Todo.Lambda.Runtime;

namespace Todo.Queries;

internal static class Program
{
    private static Task<int> Main() => LambdaRuntime.RunAsync(QueryFunctions.Catalog);
}
