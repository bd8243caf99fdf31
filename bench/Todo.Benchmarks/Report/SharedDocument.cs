namespace Todo.Benchmarks.Report;

/// <summary>One "## " section of docs/benchmarks.md, heading line included.</summary>
public sealed record DocumentSection(string Heading, string Text)
{
    public bool IsColdStart => Heading.Contains("cold start", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// docs/benchmarks.md is shared: bench.sh rewrites the sections it owns and keeps every other one as it
/// is, such as the cold-start benchmark's own account of its method and figures.
/// </summary>
public static class SharedDocument
{
    /// <summary>The sections of <paramref name="document"/> that bench.sh does not write, in their order.</summary>
    public static IReadOnlyList<DocumentSection> Others(string? document, Func<string, bool> owned)
    {
        var sections = new List<DocumentSection>();
        var lines = (document ?? "").Split('\n');
        for (var start = Next(lines, 0); start < lines.Length; )
        {
            var end = Next(lines, start + 1);
            if (!owned(lines[start]))
                sections.Add(new DocumentSection(lines[start], string.Join('\n', lines[start..end]).TrimEnd()));
            start = end;
        }
        return sections;
    }

    /// <summary>A section without its "### " subsection <paramref name="heading"/>, which a previous run wrote into it.</summary>
    public static string Without(DocumentSection section, string heading)
    {
        var lines = section.Text.Split('\n');
        var start = Array.IndexOf(lines, heading);
        if (start < 0)
            return section.Text;
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal) || l.StartsWith("### ", StringComparison.Ordinal));
        return string.Join('\n', lines[..start].Concat(end < 0 ? [] : lines[end..])).TrimEnd();
    }

    private static int Next(string[] lines, int from)
    {
        var next = Array.FindIndex(lines, from, l => l.StartsWith("## ", StringComparison.Ordinal));
        return next < 0 ? lines.Length : next;
    }
}
