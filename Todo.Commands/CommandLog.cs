using Todo.Domain;
using Todo.Domain.Commands;
using Todo.Lambda.Observability;
using Todo.Lambda.Observability.Logging;
using Todo.Lambda.Observability.Metrics;

namespace Todo.Commands;

/// <summary>
/// The one line a command request logs about how it ended, and the metric of it: its <c>outcome</c>
/// (created, changed, deleted, unchanged, replayed, precondition_failed, rejected, not_found,
/// already_exists, key_reused, contended), the resulting <c>version</c> and <c>event_type</c>, the fields a
/// rejection names, and how many conflicts it retried. The todo and command are the invocation's keys.
/// </summary>
public sealed record CommandLog(string Outcome, string Message, long? Version = null, IReadOnlyList<string>? EventTypes = null,
    IReadOnlyList<string>? Fields = null, int ConflictRetries = 0)
{
    public const string TodoIdKey = "todo_id";
    public const string CommandKey = "command";
    public const string OutcomeKey = "outcome";

    /// <summary>The metric of conflicts lost and decided again.</summary>
    public const string ConflictRetriesMetric = "ConflictRetries";

    public static CommandLog UnknownTodo() => new("not_found", "The id names no todo");

    public static CommandLog Rejected(IReadOnlyDictionary<string, string> errors) =>
        new("rejected", $"The request was rejected: {string.Join(", ", errors.Keys)}", Fields: [.. errors.Keys]);

    public static CommandLog Of(TodoCommand command, CommandResult result)
    {
        var log = result switch
        {
            CommandResult.Executed { Outcome: { Decision: Decision.Accepted { Events: [] } } outcome } =>
                new CommandLog("unchanged", "The command changed nothing", outcome.Version),
            CommandResult.Executed { Outcome: { Decision: Decision.Accepted { Events: var events } } outcome } =>
                new CommandLog(command is CreateTodo ? "created" : outcome.State is TodoState.Deleted ? "deleted" : "changed",
                    $"Appended {string.Join(", ", events.Select(e => e.GetType().Name))}", outcome.Version, [.. events.Select(e => e.GetType().Name)]),
            CommandResult.Executed { Outcome: { Decision: Decision.AlreadyExists } outcome } =>
                new CommandLog("already_exists", "A todo with this id already exists", outcome.Version),
            CommandResult.Executed { Outcome: var outcome } => new CommandLog("not_found", "The todo does not exist", outcome.Version),
            CommandResult.Replayed => new CommandLog("replayed", "Replayed the answer kept for this Idempotency-Key"),
            CommandResult.KeyReused => new CommandLog("key_reused", "The Idempotency-Key was used for another request"),
            CommandResult.PreconditionFailed failed => new CommandLog("precondition_failed", "If-Match names an older version", failed.CurrentVersion),
            _ => new CommandLog("contended", "Other writers kept winning; answered 409"),
        };
        return log with
        {
            ConflictRetries = result.ConflictRetries,
            Message = result.ConflictRetries > 0 ? $"{log.Message}, after {result.ConflictRetries} conflict retries" : log.Message,
        };
    }

    /// <summary>Logs the line and counts the outcome (metric <c>Command_&lt;outcome&gt;</c>) and the conflicts.</summary>
    public static void Write(FunctionTelemetry telemetry, CommandLog log, int status)
    {
        InvocationScope.Current?.AppendKey(OutcomeKey, log.Outcome);
        var keys = new List<LogKey> { new("status", status) };
        if (log.Version is { } version)
            keys.Add(new("version", version));
        if (log.EventTypes is { Count: > 0 } types)
            keys.Add(new("event_type", string.Join(",", types)));
        if (log.Fields is { } fields)
            keys.Add(new("fields", fields));
        if (log.ConflictRetries > 0)
            keys.Add(new("conflict_retries", log.ConflictRetries));
        telemetry.Logger.Info(log.Message, [.. keys]);
        telemetry.Metrics.Add($"Command_{log.Outcome}", MetricUnit.Count, 1);
        if (log.ConflictRetries > 0)
            telemetry.Metrics.Add(ConflictRetriesMetric, MetricUnit.Count, log.ConflictRetries);
    }
}
