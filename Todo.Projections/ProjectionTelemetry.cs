using System.Diagnostics;
using Todo.Lambda.Observability;
using Todo.Lambda.Observability.Logging;
using Todo.Lambda.Observability.Metrics;
using Todo.Lambda.Observability.Tracing;

namespace Todo.Projections;

/// <summary>
/// What the projector records of each record it handles. A span per record in the projector's own trace
/// and, for an event whose command was traced, another in <em>the command's</em> trace, under the span the
/// event item's trace header names: a stream-triggered invocation starts a trace of its own, so this is
/// how one trace shows the command, its write and the projection that followed. Both carry
/// <c>source_trace_id</c>, <c>command_id</c> and <c>lag_ms</c>; the command-to-visible lag (the event's
/// occurredAt to its read-model write) is also a high-resolution metric. A record that cannot be applied is
/// logged with the reason, and its spans marked as errors.
/// </summary>
public sealed class ProjectionTelemetry(FunctionTelemetry telemetry, TimeProvider clock)
{
    public FunctionTelemetry Function { get; } = telemetry;

    public const string LagMetric = "ProjectionLag";
    public const string ProjectedMetric = "RecordsProjected";
    public const string FailedMetric = "RecordsNotApplied";
    public const string ParkedMetric = "RecordsParked";

    /// <summary>
    /// Applies the lane with <paramref name="apply"/> inside its records' spans, parks it with <paramref name="park"/> where it
    /// stopped if the quarantine takes it, then records how each record went.
    /// </summary>
    /// <returns>The index of the first entry neither applied nor parked, or null.</returns>
    public async Task<int?> ApplyAsync(TodoLane lane, Func<TodoLane, Task<LaneStop?>> apply, Func<LaneStop, Task<bool>> park)
    {
        var handler = InvocationScope.Current?.Span;
        var spans = lane.Entries.Select(entry => Start(entry, handler)).ToList();
        // The lane's DynamoDB calls belong under its first record, in the projector's own trace.
        Activity.Current = spans.Count > 0 ? spans[0].Own ?? handler : handler;
        LaneStop? stop;
        var parked = false;
        try
        {
            stop = await apply(lane);
            if (stop is not null)
                parked = await park(stop);
        }
        catch (Exception e)
        {
            foreach (var (own, command) in spans)
            {
                Tracer.Fail(own, e);
                Tracer.Fail(command, e);
            }
            throw;
        }
        finally
        {
            Activity.Current = handler;
        }
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
            {
                var lag = (now - applied.OccurredAt).TotalMilliseconds;
                Function.Metrics.Add(LagMetric, MetricUnit.Milliseconds, lag, highResolution: true);
                Function.Metrics.Add(ProjectedMetric, MetricUnit.Count, 1);
                foreach (var span in new[] { own, command })
                    span?.SetTag(XRayTags.AnnotationPrefix + "lag_ms", Math.Round(lag, 3));
                Function.Logger.Debug("Projected the event", Keys(entry, new LogKey("lag_ms", Math.Round(lag, 3))));
            }
            command?.Dispose();
            own?.Dispose();
        }
        return parked ? null : stop?.At;
    }

    /// <summary>Records of the batch that cannot even be placed in a lane: no todo id can be read from them.</summary>
    public void NotPlaced(IReadOnlyList<BatchRecord> unplaced)
    {
        var first = true;
        foreach (var record in unplaced)
        {
            Function.Logger.Warn("Cannot apply the record",
                new("reason", first ? "the record has no readable todo id" : "follows a record with no readable todo id"),
                new("sequence_number", record.SequenceNumber), new("correlation_id", record.EventId));
            Function.Metrics.Add(FailedMetric, MetricUnit.Count, 1);
            first = false;
        }
    }

    private (Activity? Own, Activity? Command) Start(LaneEntry entry, Activity? handler)
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

    /// <summary>A record set aside with its todo (see <see cref="Quarantine"/>): done as far as the stream goes, not applied.</summary>
    private void Parked(LaneEntry entry, string reason, Activity? own, Activity? command)
    {
        Function.Logger.Warn("Parked the record with its todo", Keys(entry, new LogKey("reason", reason)));
        Function.Metrics.Add(ParkedMetric, MetricUnit.Count, 1);
        foreach (var span in new[] { own, command })
            span?.SetTag(XRayTags.AnnotationPrefix + "parked", reason);
    }

    private void NotApplied(LaneEntry entry, string reason, Activity? own, Activity? command)
    {
        Function.Logger.Warn("Cannot apply the record", Keys(entry, new LogKey("reason", reason)));
        Function.Metrics.Add(FailedMetric, MetricUnit.Count, 1);
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
