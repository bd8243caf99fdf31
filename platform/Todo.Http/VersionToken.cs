using System.Globalization;

namespace Todo.Http;

/// <summary>
/// A todo's version as clients pass it back: <c>&lt;todoId&gt;:&lt;version&gt;</c> in <c>X-Version-Token</c>
/// and <c>X-Min-Version</c>, and <c>"&lt;version&gt;"</c> as the ETag.
/// </summary>
public sealed record VersionToken(Guid TodoId, long Version)
{
    public override string ToString() => $"{TodoId}:{Version.ToString(CultureInfo.InvariantCulture)}";

    public static string ETag(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Reads a comma-separated list of tokens; null if any is malformed.</summary>
    public static List<VersionToken>? ParseList(string header)
    {
        var tokens = new List<VersionToken>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon < 0 || !Guid.TryParseExact(part[..colon], "D", out var id)
                || !long.TryParse(part[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var version) || version < 1)
                return null;
            tokens.Add(new VersionToken(id, version));
        }
        return tokens.Count > 0 ? tokens : null;
    }

    /// <summary>Reads an If-Match value: one strong entity tag <c>"N"</c>, or <c>*</c> (any current version, returned as null).</summary>
    public static bool TryParseIfMatch(string header, out long? version)
    {
        version = null;
        var value = header.Trim();
        if (value == "*")
            return true;
        if (value.Length < 3 || value[0] != '"' || value[^1] != '"'
            || !long.TryParse(value[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            return false;
        version = parsed;
        return true;
    }
}
