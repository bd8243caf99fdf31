using Todo.Lambda.Observability;
using Todo.Lambda.Observability.Logging;
using Todo.Lambda.Observability.Metrics;

namespace Todo.Projections;

/// <summary>
/// What the notifier records: a line for each record it passes over and each push (debug), for each connection found
/// gone (info) and each that could not be sent to (warn, once per connection and batch, with the first error), and
/// the batch's counts as metrics. Ids and versions only: a todo's text is never logged. Each post is a span of its
/// own, the management API client's.
/// </summary>
public sealed class NotifierTelemetry(FunctionTelemetry telemetry)
{
    public FunctionTelemetry Function { get; } = telemetry;

    /// <summary>Messages a connection accepted.</summary>
    public const string PushedMetric = "ChangesPushed";

    /// <summary>Connections the management API said were gone (410), whose records were deleted.</summary>
    public const string GoneMetric = "ConnectionsGone";

    /// <summary>Messages not sent: refused, failed, timed out, or not tried after an earlier one to the same connection was.</summary>
    public const string FailedMetric = "PushesFailed";

    public void PassedOver(IReadOnlyList<(BatchRecord Record, string Reason)> records)
    {
        foreach (var (record, reason) in records)
            Function.Logger.Debug("Passed over the record", new("reason", reason), new("sequence_number", record.SequenceNumber), new("correlation_id", record.EventId));
    }

    public void Pushed(LiveChange change, string connectionId) =>
        Function.Logger.Debug("Pushed the change", Keys(change, connectionId));

    public void Gone(LiveChange change, string connectionId, bool deleted, Exception? error)
    {
        if (error is not null)
            Function.Logger.Warn("The connection is gone, and deleting its record failed", Keys(change, connectionId, Error(error)));
        else if (deleted)
            Function.Logger.Info("The connection is gone: its record is deleted", Keys(change, connectionId));
        else
            Function.Logger.Info("The connection is not open yet, or its record is gone already: its record is kept", Keys(change, connectionId));
    }

    /// <param name="unsent">The changes not sent from the failed one on, which the connection's client reads from the feed.</param>
    public void NotPushed(LiveChange change, string connectionId, int unsent, Exception exception, bool timedOut) =>
        Function.Logger.Warn(timedOut ? "Pushing to the connection timed out" : "Pushing to the connection failed",
            Keys(change, connectionId, Error(exception), new("unsent", unsent)));

    /// <summary>The list's connections could not be read: none of them is sent its changes.</summary>
    public void ListNotRead(string listId, int changes, Exception exception) =>
        Function.Logger.Warn("Reading the list's connections failed", new("list_id", listId), new("changes", changes), Error(exception));

    /// <summary>Nothing of the batch was pushed: the read pointer could not be read, so which records are readable is unknown.</summary>
    public void NothingPushed(int records, Exception exception) =>
        Function.Logger.Warn("Pushed nothing of the batch", new("records", records), Error(exception));

    public void Counted(int pushed, int gone, int failed)
    {
        Function.Metrics.Add(PushedMetric, MetricUnit.Count, pushed);
        Function.Metrics.Add(GoneMetric, MetricUnit.Count, gone);
        Function.Metrics.Add(FailedMetric, MetricUnit.Count, failed);
    }

    private static LogKey[] Keys(LiveChange change, string connectionId, params ReadOnlySpan<LogKey> more) =>
        [new("todo_id", change.TodoId.ToString()), new("version", change.Version), new("connection_id", connectionId),
         new("sequence_number", change.Record.SequenceNumber), .. more];

    private static LogKey Error(Exception exception) => new("error", $"{exception.GetType().Name}: {exception.Message}");
}
