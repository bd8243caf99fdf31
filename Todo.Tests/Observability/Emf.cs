using System.Text.Json;

namespace Todo.Tests.Observability;

/// <summary>Checks a log line against the CloudWatch Embedded Metric Format specification, as CloudWatch Logs reads it.</summary>
public static class Emf
{
    /// <returns>The document's metrics: name to its values.</returns>
    public static Dictionary<string, List<double>> Assert(JsonElement document)
    {
        var aws = document.GetProperty("_aws");
        Xunit.Assert.Equal(JsonValueKind.Number, aws.GetProperty("Timestamp").ValueKind);
        Xunit.Assert.True(aws.GetProperty("Timestamp").TryGetInt64(out var ms) && Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - ms) < 3_600_000);
        var metrics = new Dictionary<string, List<double>>();
        var directives = aws.GetProperty("CloudWatchMetrics").EnumerateArray().ToList();
        Xunit.Assert.NotEmpty(directives);
        foreach (var directive in directives)
        {
            Xunit.Assert.False(string.IsNullOrEmpty(directive.GetProperty("Namespace").GetString()));
            foreach (var set in directive.GetProperty("Dimensions").EnumerateArray())
            {
                Xunit.Assert.InRange(set.GetArrayLength(), 1, 30);
                foreach (var dimension in set.EnumerateArray())
                    Xunit.Assert.Equal(JsonValueKind.String, document.GetProperty(dimension.GetString()!).ValueKind);
            }
            var definitions = directive.GetProperty("Metrics").EnumerateArray().ToList();
            Xunit.Assert.InRange(definitions.Count, 1, 100);
            foreach (var definition in definitions)
            {
                var name = definition.GetProperty("Name").GetString()!;
                Xunit.Assert.Contains(definition.GetProperty("Unit").GetString(), new[] { "Count", "Milliseconds" });
                if (definition.TryGetProperty("StorageResolution", out var resolution))
                    Xunit.Assert.Contains(resolution.GetInt32(), new[] { 1, 60 });
                var value = document.GetProperty(name);
                var values = value.ValueKind == JsonValueKind.Array ? value.EnumerateArray().Select(v => v.GetDouble()).ToList() : [value.GetDouble()];
                Xunit.Assert.InRange(values.Count, 1, 100);
                metrics[name] = values;
            }
        }
        return metrics;
    }
}
