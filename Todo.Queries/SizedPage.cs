using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Todo.Queries;

/// <summary>
/// The items of one answer, bounded by count and by size. A Lambda response fails past 6 MB, so an
/// answer stops before its JSON body passes <see cref="SizedPage.MaxBodyBytes"/>, whatever the items
/// hold, and the caller sends <c>X-Next-Cursor</c> for the rest. One item always fits.
/// </summary>
public sealed class SizedPage<T>(int limit, JsonTypeInfo<T> typeInfo)
{
    private int bytes = 2; // the array's brackets

    public List<T> Items { get; } = [];

    /// <summary>Room left by count; the size may run out first.</summary>
    public int Room => limit - Items.Count;

    /// <returns>False, and nothing added, when the item would take the body past the size; the page is then full.</returns>
    public bool TryAdd(T item)
    {
        var size = JsonSerializer.SerializeToUtf8Bytes(item, typeInfo).Length + (Items.Count > 0 ? 1 : 0);
        if (Items.Count >= limit || (Items.Count > 0 && bytes + size > SizedPage.MaxBodyBytes))
            return false;
        Items.Add(item);
        bytes += size;
        return true;
    }
}

public static class SizedPage
{
    /// <summary>
    /// 2.5 MB of JSON: the body is escaped once more inside the Lambda response, which at most doubles it
    /// (a backslash, already <c>\\</c> in the body, becomes four), so the response stays below 5 MB, under
    /// Lambda's 6 MB. About 17,000 todos of 20 characters fit.
    /// </summary>
    public const int MaxBodyBytes = 2_500_000;
}
