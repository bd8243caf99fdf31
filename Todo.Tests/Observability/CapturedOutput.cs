using System.Text;
using System.Text.Json;
using Todo.Lambda.Observability.Logging;

namespace Todo.Tests.Observability;

/// <summary>A function's log output kept in memory, line by line.</summary>
public sealed class CapturedOutput : LogOutput
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (lines) return [.. lines]; }
    }

    /// <summary>Every line parsed; a line that is not one JSON object fails the test.</summary>
    public List<JsonElement> Json => Lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();

    /// <summary>The log lines, without the EMF documents.</summary>
    public List<JsonElement> LogLines => Json.Where(l => !l.TryGetProperty("_aws", out _)).ToList();

    public List<JsonElement> MetricLines => Json.Where(l => l.TryGetProperty("_aws", out _)).ToList();

    public override void WriteLine(ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line);
        Assert.DoesNotContain('\n', text);
        lock (lines)
            lines.Add(text);
    }
}
