namespace Todo.Tests.Support;

/// <summary>Paths in the repository and in the shared reference folder beside it.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Template => Path.Combine(Root, "template.yaml");

    /// <summary>AWS's own sample events, kept beside the repository as conformance fixtures.</summary>
    public static string AwsOfficialEvents => Path.Combine(Root, "..", "shared", "reference", "events", "aws-official");

    public static string ReferenceEvents => Path.Combine(Root, "..", "shared", "reference", "events");

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
