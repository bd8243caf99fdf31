using Todo.Lambda.Core;
using Todo.Lambda;
using Todo.Lambda.DynamoDBEvents;
using Todo.Adapters.Events;
using Todo.Adapters.ReadModel;

namespace Todo.Projections;

/// <summary>
/// Projects the events table's stream into the read table. Records are applied in order; at the
/// first one that cannot be applied, it and every later record are reported as batch item failures,
/// since Lambda retries from the lowest failed sequence number anyway.
/// </summary>
public sealed class ProjectorFunction(ReadModelWriter writer) : DynamoDBStreamFunction
{
    public ProjectorFunction(FunctionServices services)
        : this(new ReadModelWriter(services.DynamoDb, services.Require(TodoTable.EnvironmentVariable))) { }

    public override async Task<StreamsEventResponse> HandleAsync(DynamoDBEvent streamEvent, ILambdaContext context, CancellationToken cancellationToken)
    {
        var response = new StreamsEventResponse();
        foreach (var record in streamEvent.Records)
        {
            if (response.BatchItemFailures.Count > 0 || !await TryApplyAsync(record, cancellationToken))
                response.BatchItemFailures.Add(new StreamsEventResponse.BatchItemFailure { ItemIdentifier = record.Dynamodb?.SequenceNumber });
        }
        return response;
    }

    private async Task<bool> TryApplyAsync(DynamoDBEvent.DynamodbStreamRecord record, CancellationToken cancellationToken)
    {
        // Events are only ever inserted; anything else on the table's stream is not an event.
        if (record.EventName != "INSERT")
            return true;
        StoredEvent stored;
        try
        {
            stored = EventCodec.FromItem(record.Dynamodb?.NewImage ?? throw new FormatException("The record has no NewImage."));
        }
        catch (Exception e) when (e is FormatException or KeyNotFoundException or OverflowException)
        {
            return false;
        }
        return await writer.ApplyAsync(TodoProjection.Project(stored), cancellationToken) != ApplyResult.OutOfOrder;
    }
}
