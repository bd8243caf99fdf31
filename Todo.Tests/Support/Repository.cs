using System.Reflection;

namespace Todo.Tests.Support;

/// <summary>Paths in the repository: tests read nothing outside it.</summary>
public static class Repository
{
    /// <summary>The name of the assembly metadata that Todo.Tests.csproj sets to the repository it was built from.</summary>
    public const string RootMetadata = "RepositoryRoot";

    public static string Root { get; } = FindRoot();

    public static string Template => Path.Combine(Root, "template.yaml");

    /// <summary>The test project's fixture files: AWS's sample events in aws/, the project's own in samples/.</summary>
    public static string Fixtures => Path.Combine(Root, "Todo.Tests", "Fixtures");

    /// <summary>AWS's own sample events, copied into the test project as conformance fixtures.</summary>
    public static string AwsOfficialEvents => Path.Combine(Fixtures, "aws");

    /// <summary>The project's own sample events, shaped like AWS's payloads.</summary>
    public static string ReferenceEvents => Path.Combine(Fixtures, "samples");

    /// <summary>
    /// The nearest folder above the build output that holds the repository; else the folder the tests
    /// were built from (the output may be elsewhere, as with <c>--artifacts-path</c>); else the nearest
    /// above the working folder.
    /// </summary>
    private static string FindRoot() =>
        Ancestors(AppContext.BaseDirectory)
            .Concat(BuiltFrom() is { } built ? [built] : [])
            .Concat(Ancestors(Directory.GetCurrentDirectory()))
            .FirstOrDefault(IsRoot)
        ?? throw new InvalidOperationException(
            $"No repository (template.yaml and Todo.sln) above {AppContext.BaseDirectory}, at {BuiltFrom()} or above {Directory.GetCurrentDirectory()}.");

    private static string? BuiltFrom() =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == RootMetadata)?.Value;

    private static IEnumerable<string> Ancestors(string? dir)
    {
        for (; dir is not null; dir = Path.GetDirectoryName(dir))
            yield return dir;
    }

    private static bool IsRoot(string dir) =>
        File.Exists(Path.Combine(dir, "template.yaml")) && File.Exists(Path.Combine(dir, "Todo.sln"));
}
