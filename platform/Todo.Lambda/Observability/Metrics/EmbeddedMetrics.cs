using System.Buffers;
using System.Text.Json;
using Todo.Lambda.Observability.Logging;

namespace Todo.Lambda.Observability.Metrics;

/// <summary>
/// Metrics as Powertools Metrics writes them: CloudWatch Embedded Metric Format documents, one a log line,
/// which CloudWatch Logs turns into metrics with no call from the function. An invocation's metrics are
/// gathered (<see cref="InvocationScope"/>) and written at its end, in the namespace
/// <c>POWERTOOLS_METRICS_NAMESPACE</c> with the dimension <c>service</c>; a cold start is its own document
/// with <c>function_name</c> as well, as Powertools writes it.
/// </summary>
public sealed class EmbeddedMetrics(string @namespace, string service, LogOutput output)
{
    /// <summary>EMF takes at most 100 metrics a document and 100 values a metric.</summary>
    public const int MaxPerDocument = 100;

    public string Namespace { get; } = @namespace;

    /// <summary>Adds a value to the current invocation's metrics; outside an invocation it is written at once.</summary>
    public void Add(string name, MetricUnit unit, double value, bool highResolution = false)
    {
        if (InvocationScope.Current is { } scope && ReferenceEquals(scope.Telemetry.Metrics, this))
        {
            scope.AddMetric(name, unit, value, highResolution);
            return;
        }
        var metric = new Metric(name, unit, highResolution);
        metric.Values.Add(value);
        Write([metric], [], DateTimeOffset.UtcNow);
    }

    public void WriteColdStart(string functionName, DateTimeOffset at)
    {
        var metric = new Metric("ColdStart", MetricUnit.Count, false);
        metric.Values.Add(1);
        Write([metric], [new("function_name", functionName)], at);
    }

    /// <summary>Writes the metrics in as many documents as EMF's limits need.</summary>
    public void Write(IReadOnlyList<Metric> metrics, IReadOnlyList<KeyValuePair<string, string>> dimensions, DateTimeOffset at)
    {
        for (var chunk = 0; ; chunk++)
        {
            var part = metrics.Where(m => m.Values.Count > chunk * MaxPerDocument).ToList();
            if (part.Count == 0)
                return;
            foreach (var group in part.Chunk(MaxPerDocument))
                output.WriteLine(Document(group, chunk, dimensions, at));
        }
    }

    private byte[] Document(IReadOnlyList<Metric> metrics, int chunk, IReadOnlyList<KeyValuePair<string, string>> dimensions, DateTimeOffset at)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", at.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue("service");
            foreach (var (name, _) in dimensions)
                json.WriteStringValue(name);
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var metric in metrics)
            {
                json.WriteStartObject();
                json.WriteString("Name", metric.Name);
                json.WriteString("Unit", metric.Unit == MetricUnit.Count ? "Count" : "Milliseconds");
                if (metric.HighResolution)
                    json.WriteNumber("StorageResolution", 1);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("service", service);
            foreach (var (name, value) in dimensions)
                json.WriteString(name, value);
            foreach (var metric in metrics)
            {
                var values = metric.Values.Skip(chunk * MaxPerDocument).Take(MaxPerDocument).ToList();
                if (values.Count == 1)
                    json.WriteNumber(metric.Name, values[0]);
                else
                {
                    json.WriteStartArray(metric.Name);
                    foreach (var value in values)
                        json.WriteNumberValue(value);
                    json.WriteEndArray();
                }
            }
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
