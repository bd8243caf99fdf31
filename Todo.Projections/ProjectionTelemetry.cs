using Todo.Lambda.Observability;
using Todo.Lambda.Observability.Metrics;

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

    /// <summary>Starts the spans of the lane's records; the lane's DynamoDB calls go under them until the observation is disposed.</summary>
    public LaneObservation Observe(TodoLane lane) => new(Function, clock, lane);

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
}
