using System.Diagnostics;
using Todo.Lambda.Core;
using Todo.Lambda.Observability.Logging;
using Todo.Lambda.Observability.Metrics;
using Todo.Lambda.Observability.Tracing;

namespace Todo.Lambda.Observability;

/// <summary>
/// A function instance's logger, metrics and tracing, configured by its <see cref="ObservabilitySettings"/>,
/// and the frame around each invocation: the ambient <see cref="InvocationScope"/>, the handler span
/// <c>## handler</c> (annotated <c>ColdStart</c> and <c>Service</c>) under the function segment the trace
/// header names, the cold start metric, the one log line of an exception, and the invocation's metrics and
/// spans written before it returns, so before the Runtime API response.
/// </summary>
public sealed class FunctionTelemetry
{
    public const string DefaultService = "service_undefined";

    private int invoked;

    public FunctionTelemetry(string handler, ObservabilitySettings settings, LogOutput output)
    {
        Handler = handler;
        Logger = new Logger(settings.Service, settings.Level, settings.SampleRate, output);
        Metrics = new EmbeddedMetrics(settings.MetricsNamespace, settings.Service, output);
        MemorySize = settings.MemorySize;
        Emitter = XRayEmitter.FromAddress(settings.DaemonAddress);
        if (Emitter is not null)
            Tracer.Listen();
        Otlp = OtlpExport.For(settings);
    }

    /// <summary>Logs nothing and sends nothing: for a function a test builds by hand.</summary>
    public static FunctionTelemetry Silent { get; } = new("", ObservabilitySettings.None, LogOutput.None);

    /// <summary>The template's Handler, which names the handler span.</summary>
    public string Handler { get; }

    public Logger Logger { get; }
    public EmbeddedMetrics Metrics { get; }
    public int? MemorySize { get; }
    /// <summary>Null when the function has no daemon address (tracing off).</summary>
    public XRayEmitter? Emitter { get; }

    /// <summary>The OTLP export, when <see cref="OtlpExport.EndpointVariable"/> is set.</summary>
    public OpenTelemetry.Trace.TracerProvider? Otlp { get; }

    public async Task<T> InvokeAsync<T>(ILambdaContext context, Func<InvocationScope, Task<T>> handler)
    {
        var coldStart = Interlocked.Exchange(ref invoked, 1) == 0;
        var trace = TraceHeader.Parse(context.TraceId);
        var scope = new InvocationScope(this, context, coldStart, trace,
            Logger.SampleRate > 0 && Random.Shared.NextDouble() < Logger.SampleRate);
        scope.Enter();
        // Whatever span the caller had is not this invocation's parent: the trace header alone says which is.
        Activity.Current = null;
        using var span = Tracer.ParentOf(trace) is { } parent && (Emitter is not null || Otlp is not null)
            ? Tracer.Source.StartActivity($"## {Handler}", ActivityKind.Server, parent)
            : null;
        scope.Span = span;
        span?.SetTag(XRayTags.AnnotationPrefix + "ColdStart", coldStart);
        span?.SetTag(XRayTags.AnnotationPrefix + "Service", Logger.Service);
        if (coldStart)
            Metrics.WriteColdStart(context.FunctionName, DateTimeOffset.UtcNow);
        try
        {
            return await handler(scope);
        }
        catch (Exception e)
        {
            Logger.Error("The invocation failed", e, new LogKey("error_type", e.GetType().Name));
            Tracer.Fail(span, e);
            throw;
        }
        finally
        {
            scope.FlushMetrics();
            span?.Stop();
            // The environment may be frozen once the response is posted: nothing may wait in a batch.
            OtlpExport.Flush(Otlp, context.RemainingTime);
        }
    }
}
