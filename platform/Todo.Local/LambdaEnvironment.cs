using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Todo.Local;

/// <summary>A function's environment as Lambda gives it: the variables Lambda sets itself, over the template's own.</summary>
public sealed class LambdaEnvironment(IReadOnlyDictionary<string, string> template, IReadOnlyDictionary<string, string> lambda) : IReadOnlyDictionary<string, string>
{
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value) =>
        lambda.TryGetValue(key, out value) || template.TryGetValue(key, out value);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public IEnumerable<string> Keys => this.Select(p => p.Key);
    public IEnumerable<string> Values => this.Select(p => p.Value);
    public int Count => lambda.Count + template.Keys.Count(key => !lambda.ContainsKey(key));

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() =>
        lambda.Concat(template.Where(p => !lambda.ContainsKey(p.Key))).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
