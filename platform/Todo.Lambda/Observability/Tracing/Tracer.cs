using System.Diagnostics;

namespace Todo.Lambda.Observability.Tracing;

/// <summary>
/// The project's spans: one <see cref="ActivitySource"/>, which OpenTelemetry understands too, and one
/// listener per process that records only spans whose trace is sampled (a trace header with Sampled=1
/// upstream) and hands each finished one to the invocation's <see cref="XRayEmitter"/>. A span with no
/// sampled parent is never created, so an unsampled invocation costs nothing and sends nothing.
/// </summary>
public static class Tracer
{
    public const string SourceName = "Todo";

    public static readonly ActivitySource Source = new(SourceName);

    private static readonly Lock Gate = new();
    private static ActivityListener? listener;

    /// <summary>Starts listening, once per process; functions call it when built.</summary>
    public static void Listen()
    {
        lock (Gate)
        {
            if (listener is not null)
                return;
            listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == SourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                    options.Parent.TraceFlags.HasFlag(ActivityTraceFlags.Recorded) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
                // Called for every span of the source, also those another listener (OpenTelemetry's) made unsampled.
                ActivityStopped = span =>
                {
                    if (span.Recorded)
                        InvocationScope.Current?.Telemetry.Emitter?.Send(span);
                },
            };
            ActivitySource.AddActivityListener(listener);
        }
    }

    /// <summary>The parent a trace header names: the segment (or span) that the new span belongs under; null unless sampled.</summary>
    public static ActivityContext? ParentOf(TraceHeader? header) =>
        header is { Sampled: true, Parent: { } parent }
            ? new ActivityContext(header.TraceId, ActivitySpanId.CreateFromString(parent), ActivityTraceFlags.Recorded, isRemote: true)
            : null;

    /// <summary>The header that continues the trace under <paramref name="span"/>, keeping the fields (Lineage) of <paramref name="incoming"/>.</summary>
    public static string? HeaderUnder(Activity? span, TraceHeader? incoming) =>
        span is null ? incoming?.ToString() : (incoming ?? new TraceHeader(TraceHeader.RootOf(span.TraceId), null, true, [])).WithParent(span.SpanId.ToHexString()).ToString();

    /// <summary>Marks the span failed: a fault, with the exception as its cause.</summary>
    public static void Fail(Activity? span, Exception exception)
    {
        if (span is null)
            return;
        span.SetTag(XRayTags.Fault, true);
        span.AddException(exception);
        span.SetStatus(ActivityStatusCode.Error, exception.Message);
    }
}
