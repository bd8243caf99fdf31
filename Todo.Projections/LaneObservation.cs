using System.Diagnostics;
using Todo.Lambda.Observability;
using Todo.Lambda.Observability.Logging;
using Todo.Lambda.Observability.Metrics;
using Todo.Lambda.Observability.Tracing;

namespace Todo.Projections;

/// <summary>
/// The telemetry of one lane while the projector works on it (see <see cref="ProjectionTelemetry"/>): its
/// records' spans, started at once, and how each record went, recorded once the projector knows.
/// </summary>
public sealed class LaneObservation : IDisposable
{
    private readonly FunctionTelemetry function;
    private readonly TimeProvider clock;
    private readonly TodoLane lane;
    private readonly Activity? handler;
    private readonly List<(Activity? Own, Activity? Command)> spans;

    internal LaneObservation(FunctionTelemetry function, TimeProvider clock, TodoLane lane)
    {
        this.function = function;
        this.clock = clock;
        this.lane = lane;
        handler = InvocationScope.Current?.Span;
        spans = [.. lane.Entries.Select(Start)];
        // The lane's DynamoDB calls belong under its first record, in the projector's own trace.
        Activity.Current = spans.Count > 0 ? spans[0].Own ?? handler : handler;
    }

    /// <summary>The lane failed the invocation: every one of its spans is an error.</summary>
    public void Failed(Exception exception)
    {
        foreach (var (own, command) in spans)
        {
            Tracer.Fail(own, exception);
            Tracer.Fail(command, exception);
        }
    }

    /// <summary>How the lane went: applied up to <paramref name="stop"/> (all of it when null), the rest parked or not applied.</summary>
    public void Completed(LaneStop? stop, bool parked)
    {
        Activity.Current = handler;
        var now = clock.GetUtcNow();
        for (var i = 0; i < lane.Entries.Count; i++)
        {
            var entry = lane.Entries[i];
            var (own, command) = spans[i];
            if (stop is not null && i >= stop.At)
            {
                var reason = i == stop.At ? stop.Reason : "waits for an earlier record of this todo";
                if (parked)
                    Parked(entry, reason, own, command);
                else
                    NotApplied(entry, reason, own, command);
            }
            else if (entry.Event is { } applied)
                Projected(entry, applied.OccurredAt, now, own, command);
        }
    }

    /// <summary>Ends the spans, and gives the invocation's span back its place as the current one.</summary>
    public void Dispose()
    {
        Activity.Current = handler;
        foreach (var (own, command) in spans)
        {
            command?.Dispose();
            own?.Dispose();
        }
    }

    private (Activity? Own, Activity? Command) Start(LaneEntry entry)
    {
        var name = $"Project {entry.Event?.Event.GetType().Name ?? "record"}";
        var own = handler is null ? null : Tracer.Source.StartActivity(name, ActivityKind.Consumer, handler.Context);
        var source = TraceHeader.Parse(entry.Event?.TraceHeader);
        var command = Tracer.ParentOf(source) is { } parent ? Tracer.Source.StartActivity(name, ActivityKind.Consumer, parent) : null;
        foreach (var span in new[] { own, command })
        {
            if (span is null)
                continue;
            foreach (var key in Keys(entry))
                span.SetTag(XRayTags.AnnotationPrefix + key.Name, key.Value);
            if (source is not null)
                span.SetTag(XRayTags.AnnotationPrefix + "source_trace_id", source.Root);
        }
        if (handler is not null)
            command?.SetTag(XRayTags.AnnotationPrefix + "projector_trace_id", TraceHeader.RootOf(handler.TraceId));
        return (own, command);
    }

    private void Projected(LaneEntry entry, DateTimeOffset occurredAt, DateTimeOffset now, Activity? own, Activity? command)
    {
        var lag = (now - occurredAt).TotalMilliseconds;
        function.Metrics.Add(ProjectionTelemetry.LagMetric, MetricUnit.Milliseconds, lag, highResolution: true);
        function.Metrics.Add(ProjectionTelemetry.ProjectedMetric, MetricUnit.Count, 1);
        foreach (var span in new[] { own, command })
            span?.SetTag(XRayTags.AnnotationPrefix + "lag_ms", Math.Round(lag, 3));
        function.Logger.Debug("Projected the event", Keys(entry, new LogKey("lag_ms", Math.Round(lag, 3))));
    }

    /// <summary>A record set aside with its todo (see <see cref="Quarantine"/>): done as far as the stream goes, not applied.</summary>
    private void Parked(LaneEntry entry, string reason, Activity? own, Activity? command)
    {
        function.Logger.Warn("Parked the record with its todo", Keys(entry, new LogKey("reason", reason)));
        function.Metrics.Add(ProjectionTelemetry.ParkedMetric, MetricUnit.Count, 1);
        foreach (var span in new[] { own, command })
            span?.SetTag(XRayTags.AnnotationPrefix + "parked", reason);
    }

    private void NotApplied(LaneEntry entry, string reason, Activity? own, Activity? command)
    {
        function.Logger.Warn("Cannot apply the record", Keys(entry, new LogKey("reason", reason)));
        function.Metrics.Add(ProjectionTelemetry.FailedMetric, MetricUnit.Count, 1);
        foreach (var span in new[] { own, command })
        {
            span?.SetTag(XRayTags.Error, true);
            span?.SetTag(XRayTags.AnnotationPrefix + "not_applied", reason);
        }
    }

    private static LogKey[] Keys(LaneEntry entry, params ReadOnlySpan<LogKey> more)
    {
        List<LogKey> keys = [new("correlation_id", entry.Record.EventId), new("sequence_number", entry.Record.SequenceNumber)];
        if (entry.Event is { } stored)
        {
            keys.Add(new("todo_id", stored.TodoId.ToString()));
            keys.Add(new("event_type", stored.Event.GetType().Name));
            keys.Add(new("version", stored.Version));
            keys.Add(new("command_id", stored.CommandId));
        }
        keys.AddRange(more);
        return [.. keys];
    }
}
