namespace Todo.Benchmarks.Report;

/// <summary>How figures are written: milliseconds to a tenth, ratios to a hundredth.</summary>
public static class Format
{
    public static string Ms(double milliseconds) => $"{milliseconds:F1} ms";

    public static string Ratio(double ratio) => $"{ratio:F2}×";

    public static string Rate(double perSecond) => $"{perSecond:F0}/s";

    public static string Megabytes(double megabytes) => $"{megabytes:F0} MB";

    public static string Seconds(TimeSpan duration) => $"{duration.TotalSeconds:F0} s";

    public static string Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) =>
        string.Join('\n', new[] { Row(header), Row(header.Select(_ => "---").ToList()) }.Concat(rows.Select(Row))) + "\n";

    private static string Row(IReadOnlyList<string> cells) => "| " + string.Join(" | ", cells) + " |";
}
