using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Todo.Tests.Deployment;

/// <summary>
/// A function's environment without <paramref name="missing"/>, which remembers every variable code looked up, set
/// or not (settings must parse, so the values are the template's, and optional settings keep their defaults).
/// </summary>
public sealed class RecordingEnvironment(IReadOnlyDictionary<string, string> environment, string? missing = null) : IReadOnlyDictionary<string, string>
{
    private readonly HashSet<string> read = [];

    public IReadOnlySet<string> Read => read;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        read.Add(key);
        value = null;
        return key != missing && environment.TryGetValue(key, out value);
    }

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    // Enumerating would not say which variable the code wants, so it is not offered.
    public IEnumerable<string> Keys => throw new NotSupportedException();
    public IEnumerable<string> Values => throw new NotSupportedException();
    public int Count => throw new NotSupportedException();
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => throw new NotSupportedException();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
