namespace Todo.Benchmarks.Report;

/// <summary>
/// Benchmark 5 is scripts/cold-start-benchmark.sh's. Its figures come in as the script printed them; if the
/// script wrote its own section into docs/benchmarks.md instead, that section is kept as it is.
/// </summary>
public static class ColdStartSection
{
    /// <param name="printed">What the script printed in this run, if bench.sh captured it.</param>
    /// <param name="document">The benchmarks document as it stands, if any.</param>
    public static string? From(string? printed, string? document)
    {
        if (printed is not null)
        {
            return $"""
                {MarkdownReport.ColdStartHeading}

                `scripts/cold-start-benchmark.sh`: get-todo started through the Runtime API stub, the Native AOT bootstrap
                against the JIT build, as it printed:

                ```
                {printed.Trim()}
                ```
                """;
        }
        return document is null ? null : Kept(document);
    }

    /// <summary>The document's section whose heading names the cold start, up to the next section.</summary>
    private static string? Kept(string document)
    {
        var lines = document.Split('\n');
        var start = Array.FindIndex(lines, l => l.StartsWith("## ", StringComparison.Ordinal) && l.Contains("cold start", StringComparison.OrdinalIgnoreCase));
        if (start < 0)
            return null;
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith("## ", StringComparison.Ordinal));
        return string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]);
    }
}
