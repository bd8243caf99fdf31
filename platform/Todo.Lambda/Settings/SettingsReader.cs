using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Todo.Lambda.Settings;

/// <summary>
/// Reads a function's settings from its environment under one rule: a required value that is missing, or any
/// value that is not what its setting expects, stops the function as it starts, with a message naming the
/// variable and what it expects. In Lambda that is an init error, in the local host an error at its start:
/// never a failure at some later request. A blank value counts as not set.
/// </summary>
public sealed class SettingsReader(IReadOnlyDictionary<string, string> environment)
{
    /// <summary>Turns a variable's text into its setting; false when the text is not one.</summary>
    public delegate bool Parser<T>(string text, [MaybeNullWhen(false)] out T value);

    /// <param name="expected">What the variable holds, as the error says it: "the name of the events table".</param>
    public string Required(string variable, string expected) => Text(variable) ?? throw Missing(variable, expected);

    public string? Optional(string variable) => Text(variable);

    public T Required<T>(string variable, Parser<T> parse, string expected) =>
        Text(variable) is { } text ? Parse(variable, text, parse, expected) : throw Missing(variable, expected);

    /// <returns><paramref name="fallback"/> when the variable is not set.</returns>
    public T Optional<T>(string variable, T fallback, Parser<T> parse, string expected) =>
        Text(variable) is { } text ? Parse(variable, text, parse, expected) : fallback;

    /// <summary>A whole number above 0, such as a concurrency.</summary>
    public int Count(string variable, int fallback) => Optional(variable, fallback, PositiveWholeNumber, "a whole number above 0");

    /// <summary>A whole number of seconds above 0.</summary>
    public TimeSpan Seconds(string variable, TimeSpan fallback) =>
        TimeSpan.FromSeconds(Optional(variable, (int)fallback.TotalSeconds, PositiveWholeNumber, "a whole number of seconds above 0"));

    /// <summary>One of the <paramref name="allowed"/> words, exactly as spelled.</summary>
    public string OneOf(string variable, params string[] allowed)
    {
        var expected = $"one of {string.Join(", ", allowed)}";
        var text = Required(variable, expected);
        return allowed.Contains(text, StringComparer.Ordinal) ? text : throw Invalid(variable, text, expected);
    }

    private string? Text(string variable) =>
        environment.TryGetValue(variable, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;

    private static T Parse<T>(string variable, string text, Parser<T> parse, string expected) =>
        parse(text, out var value) ? value : throw Invalid(variable, text, expected);

    private static InvalidOperationException Invalid(string variable, string text, string expected) =>
        new($"The environment variable {variable} is '{text}': expected {expected}.");

    private static InvalidOperationException Missing(string variable, string expected) =>
        new($"The environment variable {variable} is not set: expected {expected}.");

    private static bool PositiveWholeNumber(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value > 0;
}
