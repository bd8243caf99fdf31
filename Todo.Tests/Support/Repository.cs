namespace Todo.Tests.Support;

/// <summary>Paths in the repository: tests read nothing outside it.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Template => Path.Combine(Root, "template.yaml");

    public static string Fixtures => Path.Combine(Root, "Todo.Tests", "Fixtures");

    /// <summary>AWS's own sample events, copied into the test project as conformance fixtures.</summary>
    public static string AwsOfficialEvents => Path.Combine(Fixtures, "aws");

    /// <summary>The project's own sample events, shaped like AWS's payloads.</summary>
    public static string ReferenceEvents => Path.Combine(Fixtures, "samples");

    private static string FindRoot()
    {
        for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "template.yaml")) && File.Exists(Path.Combine(dir, "Todo.sln")))
                return dir;
        }
        throw new InvalidOperationException("The tests run from inside the repository.");
    }
}
