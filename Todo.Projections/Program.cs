using Todo.Lambda.Runtime;

namespace Todo.Projections;

internal static class Program
{
    private static Task<int> Main() => LambdaRuntime.RunAsync(ProjectionFunctions.Catalog);
}
