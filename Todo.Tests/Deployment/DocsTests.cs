using System.Globalization;
using System.Text.RegularExpressions;
using Todo.Tests.Support;
using static Todo.Tests.Deployment.DeployedTemplate;

namespace Todo.Tests.Deployment;

/// <summary>
/// The docs state what template.yaml declares and where the code lives; these read both, so a change to
/// the template or the folders that leaves the docs behind fails here rather than misleading a reader.
/// </summary>
public sealed class DocsTests
{
    private static readonly string[] NumberWords =
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen"];

    /// <summary>Each figure the docs state, by the sentence that states it: file, pattern (its number in group n), figure.</summary>
    public static TheoryData<string, string, string> Statements => new()
    {
        { "README.md", @"(?<n>\w+) Lambda functions, \w+ DynamoDB tables and \w+ CloudWatch alarms", "functions" },
        { "README.md", @"\w+ Lambda functions, (?<n>\w+) DynamoDB tables and \w+ CloudWatch alarms", "tables" },
        { "README.md", @"\w+ Lambda functions, \w+ DynamoDB tables and (?<n>\w+) CloudWatch alarms", "alarms" },
        { "docs/deploying.md", @"\| DynamoDB \| (?<n>\w+) tables", "tables" },
        { "docs/deploying.md", @"\| Lambda \| (?<n>\w+) functions", "functions" },
        { "docs/deploying.md", @"\| CloudWatch \| (?<n>\w+) alarms", "alarms" },
        { "docs/deploying.md", @"the (?<n>\w+) alarms \(about \$0\.10 each", "alarms" },
        { "docs/deploying.md", @"batches of up to (?<n>[\d,]+) records", "BatchSize" },
        { "docs/deploying.md", @"a batching window of (?<n>\d+) s", "MaximumBatchingWindowInSeconds" },
        { "docs/design.md", @"The stream mapping takes up to (?<n>[\d,]+) records a batch", "BatchSize" },
        { "docs/design.md", @"records a batch with a batching window of (?<n>\d+) s", "MaximumBatchingWindowInSeconds" },
        { "docs/design.md", @"(?<n>\w+) DynamoDB tables", "tables" },
        { "docs/deploying.md", @"\| `ApiReservedConcurrency` \| `(?<n>\d+)`", "default of ApiReservedConcurrency" },
        { "docs/deploying.md", @"reserves `ApiReservedConcurrency` \((?<n>\d+)\)", "default of ApiReservedConcurrency" },
        { "docs/deploying.md", @"\| `ProjectorReservedConcurrency` \| `(?<n>\d+)`", "default of ProjectorReservedConcurrency" },
        { "docs/deploying.md", @"reserves `ProjectorReservedConcurrency` \((?<n>\d+)\)", "default of ProjectorReservedConcurrency" },
        { "docs/deploying.md", @"\| `TableMaxReadUnits` \| `(?<n>\d+)`", "default of TableMaxReadUnits" },
        { "docs/deploying.md", @"`TableMaxReadUnits` \((?<n>[\d,]+)\) reads", "default of TableMaxReadUnits" },
        { "docs/deploying.md", @"\| `TableMaxWriteUnits` \| `(?<n>\d+)`", "default of TableMaxWriteUnits" },
        { "docs/deploying.md", @"`TableMaxWriteUnits` \((?<n>[\d,]+)\) writes", "default of TableMaxWriteUnits" },
    };

    [Theory]
    [MemberData(nameof(Statements))]
    public void The_docs_state_the_templates_figures(string file, string pattern, string figure)
    {
        // Markdown wraps sentences anywhere: match them as one line.
        var text = Regex.Replace(File.ReadAllText(Path.Combine(Repository.Root, file)), @"\s+", " ");

        var matches = Regex.Matches(text, pattern);

        Assert.True(matches.Count > 0, $"{file} no longer has a sentence matching {pattern}: state the template's {figure} there, or change this test with it.");
        Assert.All(matches, m => Assert.True(
            Number(m.Groups["n"].Value) == TemplateFigure(figure),
            $"{file} says \"{m.Value}\", but template.yaml has {TemplateFigure(figure)} for {figure}."));
    }

    [Fact]
    public void The_readme_maps_every_folder_that_holds_files()
    {
        var mapped = Regex.Matches(File.ReadAllText(Path.Combine(Repository.Root, "README.md")), @"^\| `(?<path>[^`]+)/` \|", RegexOptions.Multiline)
            .Select(m => m.Groups["path"].Value)
            .ToHashSet(StringComparer.Ordinal);
        var ignored = IgnoredFolders();

        var folders = FoldersToMap(Repository.Root, ignored).ToList();

        Assert.Contains("platform/Todo.Lambda", folders);
        Assert.All(folders, folder => Assert.True(mapped.Contains(folder), $"README.md's folder map has no row for {folder}/."));
    }

    /// <summary>What the template declares, by the name the statements use.</summary>
    private static int TemplateFigure(string figure) => figure switch
    {
        "tables" => OfType("AWS::DynamoDB::Table").Count() + OfType("AWS::Serverless::SimpleTable").Count(),
        "alarms" => OfType("AWS::CloudWatch::Alarm").Count(),
        "functions" => OfType("AWS::Serverless::Function").Count(),
        _ when figure.StartsWith("default of ", StringComparison.Ordinal) =>
            int.Parse((string)Map(Map(Raw, "Parameters"), figure["default of ".Length..])["Default"]!, CultureInfo.InvariantCulture),
        _ => int.Parse((string)StreamMapping()[figure]!, CultureInfo.InvariantCulture),
    };

    /// <summary>The projector's one DynamoDB stream event source.</summary>
    private static Dictionary<string, object?> StreamMapping() =>
        OfType("AWS::Serverless::Function").Where(f => f.Id == "ProjectTodosFunction")
            .SelectMany(f => Map(f.Resource, "Properties").GetValueOrDefault("Events") as Dictionary<string, object?> ?? [])
            .Select(e => (Dictionary<string, object?>)e.Value!)
            .Where(e => (string?)e.GetValueOrDefault("Type") == "DynamoDB")
            .Select(e => Map(e, "Properties"))
            .Single();

    /// <summary>"six", "6" or "1,000"; null for a word that is no number, which no figure equals.</summary>
    private static int? Number(string text) =>
        Array.IndexOf(NumberWords, text.ToLowerInvariant()) is >= 0 and var word ? word
        : int.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number) ? number
        : null;

    /// <summary>
    /// The folders a reader finds code or documents in: one that holds files is a row of the map; one that holds
    /// only folders (platform/, bench/, tools/) groups rows, and its folders are looked at instead.
    /// </summary>
    private static IEnumerable<string> FoldersToMap(string folder, Func<string, bool> ignored)
    {
        foreach (var child in Directory.EnumerateDirectories(folder).Where(d => !ignored(d)).Order(StringComparer.Ordinal))
        {
            if (Directory.EnumerateFiles(child).Any())
                yield return Path.GetRelativePath(Repository.Root, child).Replace(Path.DirectorySeparatorChar, '/');
            else
                foreach (var grouped in FoldersToMap(child, ignored))
                    yield return grouped;
        }
    }

    /// <summary>
    /// Build output, installed packages and local state, as .gitignore names them (bin/, TestResults/, web/dist/),
    /// and dot-folders but CI's.
    /// </summary>
    private static Func<string, bool> IgnoredFolders()
    {
        var entries = File.ReadLines(Path.Combine(Repository.Root, ".gitignore"))
            .Select(line => line.Trim())
            .Where(line => line.EndsWith('/') && !line.StartsWith('#'))
            .Select(line => line.TrimEnd('/'))
            .ToList();
        return folder =>
        {
            var name = Path.GetFileName(folder);
            var path = Path.GetRelativePath(Repository.Root, folder).Replace(Path.DirectorySeparatorChar, '/');
            return (name.StartsWith('.') && name != ".ci") || entries.Any(e => e.Contains('/') ? e.TrimStart('/') == path : e == name);
        };
    }
}
