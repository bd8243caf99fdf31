using System.Diagnostics;
using System.Globalization;

namespace Todo.Lambda.Observability.Tracing;

/// <summary>
/// The X-Ray trace header (<c>X-Amzn-Trace-Id</c>, <c>_X_AMZN_TRACE_ID</c>):
/// <c>Root=1-&lt;8 hex epoch seconds&gt;-&lt;24 hex&gt;;Parent=&lt;16 hex&gt;;Sampled=0|1[;Lineage=…]</c>.
/// Fields other than Root, Parent and Sampled (Lineage, which Lambda uses to detect loops, and any later
/// one) are kept as they came and passed on unchanged.
/// </summary>
public sealed record TraceHeader(string Root, string? Parent, bool? Sampled, IReadOnlyList<string> Passed)
{
    public const string HttpHeader = "X-Amzn-Trace-Id";

    /// <summary>The header's value, or null when it has no valid Root (a malformed Parent or Sampled is left out).</summary>
    public static TraceHeader? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return null;
        string? root = null, parent = null;
        bool? sampled = null;
        var passed = new List<string>();
        foreach (var part in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=');
            var (name, text) = equals < 0 ? (part, "") : (part[..equals], part[(equals + 1)..]);
            switch (name)
            {
                case "Root":
                    root = IsTraceId(text) ? text : null;
                    break;
                case "Parent":
                    parent = IsHex(text, 16) ? text : null;
                    break;
                case "Sampled":
                    sampled = text switch { "1" => true, "0" => false, _ => null };
                    break;
                default:
                    passed.Add(part);
                    break;
            }
        }
        return root is null ? null : new TraceHeader(root, parent, sampled, passed);
    }

    /// <summary>A new trace's root: the current time in epoch seconds and 96 random bits.</summary>
    public static string NewRoot(DateTimeOffset now) => RootOf(ActivityTraceId.CreateFromString(
        (((uint)now.ToUnixTimeSeconds()).ToString("x8", CultureInfo.InvariantCulture) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray())[..24]).AsSpan()));

    /// <summary>The same trace and fields, under another parent.</summary>
    public TraceHeader WithParent(string parent) => this with { Parent = parent };

    /// <summary>W3C and OpenTelemetry's 32 hex digits: the Root without its version and dashes.</summary>
    public ActivityTraceId TraceId => ActivityTraceId.CreateFromString(string.Concat(Root.AsSpan(2, 8), Root.AsSpan(11, 24)));

    public static string RootOf(ActivityTraceId traceId)
    {
        var hex = traceId.ToHexString();
        return $"1-{hex[..8]}-{hex[8..]}";
    }

    public override string ToString()
    {
        var parts = new List<string> { $"Root={Root}" };
        if (Parent is not null)
            parts.Add($"Parent={Parent}");
        if (Sampled is { } flag)
            parts.Add(flag ? "Sampled=1" : "Sampled=0");
        parts.AddRange(Passed);
        return string.Join(';', parts);
    }

    private static bool IsTraceId(string text) =>
        text.Length == 35 && text.StartsWith("1-", StringComparison.Ordinal) && text[10] == '-' && IsHex(text.Substring(2, 8), 8) && IsHex(text[11..], 24);

    private static bool IsHex(string text, int length) => text.Length == length && text.All(char.IsAsciiHexDigitLower);
}
