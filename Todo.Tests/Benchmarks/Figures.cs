using System.Globalization;
using System.Text.Json;

namespace Todo.Tests.Benchmarks;

/// <summary>A part of the figures a benchmark run wrote with --json, read by the names its result records give them.</summary>
public readonly record struct Figures(JsonElement Json)
{
    public Figures this[string name] => new(Json.GetProperty(name));

    public int Int => Json.GetInt32();

    public double Number => Json.GetDouble();

    public TimeSpan Time => TimeSpan.Parse(Json.GetString()!, CultureInfo.InvariantCulture);

    public IReadOnlyList<Figures> Items => [.. Json.EnumerateArray().Select(e => new Figures(e))];

    public IReadOnlyList<int> Ints => [.. Items.Select(i => i.Int)];

    public override string ToString() => Json.GetRawText();
}
