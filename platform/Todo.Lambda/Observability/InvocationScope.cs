using System.Diagnostics;
using System.Text.Json;
using Todo.Lambda.Core;
using Todo.Lambda.Observability.Logging;
using Todo.Lambda.Observability.Metrics;
using Todo.Lambda.Observability.Tracing;

namespace Todo.Lambda.Observability;

/// <summary>
/// One invocation's observability state, ambient to the code it runs (an <see cref="AsyncLocal{T}"/>), so
/// concurrent invocations in one process (the local host) and concurrent work inside one (the projector's
/// lanes) each log with their own invocation's keys. Keys appended to it are on every later line of the
/// invocation, and on its handler span as annotations.
/// </summary>
public sealed class InvocationScope
{
    private static readonly AsyncLocal<InvocationScope?> Ambient = new();

    private readonly Lock gate = new();
    private readonly List<LogKey> keys = [];
    private readonly List<Metric> metrics = [];

    internal InvocationScope(FunctionTelemetry telemetry, ILambdaContext context, bool coldStart, TraceHeader? trace, bool debugSampled)
    {
        Telemetry = telemetry;
        Context = context;
        ColdStart = coldStart;
        Trace = trace;
        DebugSampled = debugSampled;
    }

    public static InvocationScope? Current => Ambient.Value;

    public FunctionTelemetry Telemetry { get; }
    public ILambdaContext Context { get; }
    public bool ColdStart { get; }
    /// <summary>The invocation's trace header (<c>_X_AMZN_TRACE_ID</c>), if it has one.</summary>
    public TraceHeader? Trace { get; }
    /// <summary>Whether the sample rate picked this invocation to log at debug.</summary>
    public bool DebugSampled { get; }
    /// <summary>The handler span <c>## handler</c>; null when the invocation is not sampled.</summary>
    public Activity? Span { get; internal set; }

    /// <summary>API Gateway's request id, or for the projector the stream record's eventID.</summary>
    public string? CorrelationId { get; set; }

    internal void Enter() => Ambient.Value = this;

    /// <summary>A key on every later line of the invocation; with <paramref name="annotate"/>, also an annotation of its span.</summary>
    public void AppendKey(string name, object? value, bool annotate = true)
    {
        lock (gate)
        {
            keys.RemoveAll(k => k.Name == name);
            keys.Add(new LogKey(name, value));
        }
        if (annotate)
            Span?.SetTag(XRayTags.AnnotationPrefix + name, value);
    }

    internal void AddMetric(string name, MetricUnit unit, double value, bool highResolution)
    {
        lock (gate)
        {
            var metric = metrics.FirstOrDefault(m => m.Name == name);
            if (metric is null)
                metrics.Add(metric = new Metric(name, unit, highResolution));
            metric.Values.Add(value);
        }
    }

    internal void FlushMetrics()
    {
        List<Metric> written;
        lock (gate)
        {
            written = [.. metrics];
            metrics.Clear();
        }
        if (written.Count > 0)
            Telemetry.Metrics.Write(written, [], DateTimeOffset.UtcNow);
    }

    internal void WriteKeys(Utf8JsonWriter json)
    {
        json.WriteBoolean("cold_start", ColdStart);
        json.WriteString("function_name", Context.FunctionName);
        if (Telemetry.MemorySize is { } memory)
            json.WriteNumber("function_memory_size", memory);
        json.WriteString("function_arn", Context.InvokedFunctionArn);
        json.WriteString("function_request_id", Context.AwsRequestId);
        if (Trace is not null)
            json.WriteString("xray_trace_id", Trace.Root);
        if (CorrelationId is not null)
            json.WriteString("correlation_id", CorrelationId);
        lock (gate)
        {
            foreach (var key in keys)
                Logger.WriteKey(json, key);
        }
    }
}
