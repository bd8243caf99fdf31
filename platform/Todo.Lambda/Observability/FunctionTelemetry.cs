using System.Diagnostics;
using System.Globalization;
using Todo.Lambda.Core;
using Todo.Lambda.Observability.Logging;
using Todo.Lambda.Observability.Metrics;
using Todo.Lambda.Observability.Tracing;

namespace Todo.Lambda.Observability;

/// <summary>
/// A function instance's logger, metrics and tracing, configured from its environment as Powertools is,
/// and the frame around each invocation: the ambient <see cref="InvocationScope"/>, the handler span
/// <c>## handler</c> (annotated <c>ColdStart</c> and <c>Service</c>) under the function segment the trace
/// header names, the cold start metric, the one log line of an exception, and the invocation's metrics and
/// spans written before it returns, so before the Runtime API response. A bad setting never stops the
/// function: an unknown level logs at INFO, a malformed daemon address sends no traces.
/// </summary>
public sealed class FunctionTelemetry
{
    public const string DefaultService = "service_undefined";

    private int invoked;

    public FunctionTelemetry(string handler, IReadOnlyDictionary<string, string> environment, LogOutput output)
    {
        Handler = handler;
        var service = Value(environment, ObservabilityVariables.ServiceName) ?? DefaultService;
        var level = LogLevels.Parse(Value(environment, ObservabilityVariables.LambdaLogLevel))
            ?? LogLevels.Parse(Value(environment, ObservabilityVariables.PowertoolsLogLevel))
            ?? LogLevel.Info;
        var sampleRate = double.TryParse(Value(environment, ObservabilityVariables.LoggerSampleRate), NumberStyles.Float, CultureInfo.InvariantCulture, out var rate)
            && rate is >= 0 and <= 1 ? rate : 0;
        Logger = new Logger(service, level, sampleRate, output);
        Metrics = new EmbeddedMetrics(Value(environment, ObservabilityVariables.MetricsNamespace) ?? service, service, output);
        MemorySize = int.TryParse(Value(environment, ObservabilityVariables.FunctionMemorySize), NumberStyles.None, CultureInfo.InvariantCulture, out var memory) ? memory : null;
        Emitter = XRayEmitter.FromAddress(Value(environment, ObservabilityVariables.XRayDaemonAddress));
        if (Emitter is not null)
            Tracer.Listen();
        Otlp = OtlpExport.For(environment, service);
    }

    /// <summary>Logs nothing and sends nothing: for a function a test builds by hand.</summary>
    public static FunctionTelemetry Silent { get; } = new("", new Dictionary<string, string>(), LogOutput.None);

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

    private static string? Value(IReadOnlyDictionary<string, string> environment, string name) =>
        environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
}
