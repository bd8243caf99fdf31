using Todo.Lambda.Observability;
using Todo.Lambda.Observability.Metrics;
using static Todo.Tests.Observability.TelemetryProbe;

namespace Todo.Tests.Observability;

/// <summary>Metrics as Embedded Metric Format log lines: one document per invocation, high resolution where asked, EMF's limits kept.</summary>
public sealed class EmbeddedMetricsTests
{
    private readonly CapturedOutput output = new();

    [Fact]
    public async Task An_invocations_metrics_are_one_EMF_document_written_at_its_end()
    {
        var telemetry = Create(output, (ObservabilityVariables.ServiceName, "todo"), (ObservabilityVariables.MetricsNamespace, "todo-stack"));

        await telemetry.InvokeAsync(Context(), _ =>
        {
            telemetry.Metrics.Add("Command_created", MetricUnit.Count, 1);
            telemetry.Metrics.Add("ProjectionLag", MetricUnit.Milliseconds, 12.5, highResolution: true);
            telemetry.Metrics.Add("ProjectionLag", MetricUnit.Milliseconds, 40, highResolution: true);
            Assert.Single(output.MetricLines); // only the cold start so far
            return Task.FromResult(0);
        });

        var documents = output.MetricLines;
        Assert.Equal(2, documents.Count);
        var coldStart = documents[0];
        Assert.Equal([1.0], Emf.Assert(coldStart)["ColdStart"]);
        Assert.Equal("probe", coldStart.GetProperty("function_name").GetString());
        var metrics = Emf.Assert(documents[1]);
        Assert.Equal([1.0], metrics["Command_created"]);
        Assert.Equal([12.5, 40.0], metrics["ProjectionLag"]);
        var directive = documents[1].GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Equal("todo-stack", directive.GetProperty("Namespace").GetString());
        Assert.Equal("[[\"service\"]]", directive.GetProperty("Dimensions").GetRawText());
        Assert.Equal("todo", documents[1].GetProperty("service").GetString());
        var lag = directive.GetProperty("Metrics").EnumerateArray().Single(m => m.GetProperty("Name").GetString() == "ProjectionLag");
        Assert.Equal(1, lag.GetProperty("StorageResolution").GetInt32());
        Assert.Equal("Milliseconds", lag.GetProperty("Unit").GetString());
    }

    [Fact]
    public void More_than_100_values_or_metrics_are_split_into_documents_within_EMFs_limits()
    {
        var metrics = new EmbeddedMetrics("ns", "svc", output);
        var many = new Metric("Lag", MetricUnit.Milliseconds, true);
        many.Values.AddRange(Enumerable.Range(0, 250).Select(i => (double)i));
        var others = Enumerable.Range(0, 120).Select(i =>
        {
            var metric = new Metric($"M{i}", MetricUnit.Count, false);
            metric.Values.Add(i);
            return metric;
        });

        metrics.Write([many, .. others], [], DateTimeOffset.UtcNow);

        var documents = output.MetricLines.Select(Emf.Assert).ToList();
        Assert.Equal(Enumerable.Range(0, 250).Select(i => (double)i), documents.Where(d => d.ContainsKey("Lag")).SelectMany(d => d["Lag"]));
        Assert.Equal(120, documents.SelectMany(d => d.Keys).Count(k => k.StartsWith('M')));
    }
}
