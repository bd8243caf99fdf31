using Todo.ReadModel;
using Todo.Lambda.Core;
using Todo.Lambda.DynamoDBEvents;
using Todo.Lambda.Observability;

namespace Todo.Projections;

/// <summary>
/// Projects the events table's stream into the read table. A batch is sorted by todo: each todo's
/// events are applied in order, consecutive ones as one conditional write, while different todos are
/// applied concurrently, at most <see cref="ConcurrencyVariable"/> at a time. A todo whose record cannot
/// be applied stops there. If it never will be (see <see cref="Quarantine"/>) the todo is parked and the
/// records count as done; if it may yet (a young gap), that record and its later ones are reported as
/// batch item failures, and Lambda delivers them again (see <see cref="ProjectionBatch.Failures"/>). A
/// DynamoDB call that fails other than by its condition fails the invocation, and Lambda retries the batch.
/// </summary>
public sealed class ProjectorFunction(ReadModelWriter writer, Quarantine quarantine, int concurrency, ProjectionTelemetry? telemetry = null)
    : DynamoDBStreamFunction(telemetry?.Function ?? FunctionTelemetry.Silent)
{
    /// <summary>How many todos of a batch are written at once.</summary>
    public const string ConcurrencyVariable = "PROJECTOR_CONCURRENCY";

    public const int DefaultConcurrency = 32;

    private readonly ProjectionTelemetry records = telemetry ?? new ProjectionTelemetry(FunctionTelemetry.Silent, TimeProvider.System);

    public override async Task<StreamsEventResponse> HandleAsync(DynamoDBEvent streamEvent, ILambdaContext context, CancellationToken cancellationToken)
    {
        var batch = ProjectionBatch.Of(streamEvent.Records);
        var stoppedAt = new int?[batch.Lanes.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, batch.Lanes.Count),
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (lane, token) => stoppedAt[lane] = await ProjectAsync(batch.Lanes[lane], token));
        records.NotPlaced(batch.Unplaced);
        var response = new StreamsEventResponse();
        foreach (var sequenceNumber in batch.Failures(stoppedAt))
            response.BatchItemFailures.Add(new StreamsEventResponse.BatchItemFailure { ItemIdentifier = sequenceNumber });
        return response;
    }

    /// <summary>Applies the lane, parks it where it stopped if the quarantine takes it, then reports how each record went.</summary>
    /// <returns>The index of the first entry neither applied nor parked, or null.</returns>
    private async Task<int?> ProjectAsync(TodoLane lane, CancellationToken cancellationToken)
    {
        using var observation = records.Observe(lane);
        LaneStop? stop;
        bool parked;
        try
        {
            stop = await lane.ApplyAsync(writer.ApplyAsync, cancellationToken);
            parked = stop is not null && await quarantine.TryParkAsync(lane, stop, cancellationToken);
        }
        catch (Exception e)
        {
            observation.Failed(e);
            throw;
        }
        observation.Completed(stop, parked);
        return parked ? null : stop?.At;
    }
}
