using Todo.Domain;
using Todo.Domain.Commands;
using Todo.Adapters.Events;
using Todo.Adapters.Idempotency;

namespace Todo.Commands;

/// <summary>
/// Runs a command against a todo's event stream: fold, decide, append. A concurrent append makes the
/// conditional write fail and return the event that won, so the command is decided again on the
/// caught-up state without a read, a bounded number of times: no update is lost and none overwrites
/// another. A request's idempotency record is written in the same transaction as its events, so a
/// retry after a crash at any point finds either no effect and no record, or both.
/// </summary>
public sealed class TodoCommandHandler(EventStore events, IdempotencyStore idempotency, TimeSpan idempotencyExpiry, TimeProvider clock)
{
    public const int MaxAttempts = 64;

    private static readonly EventStream EmptyStream = new([]);

    /// <param name="render">The answer an outcome gets, kept with the effect for replays.</param>
    public async Task<CommandResult> HandleAsync(CommandRequest request, Func<CommandOutcome, string> render, CancellationToken cancellationToken)
    {
        // A new id's stream is empty, so a create costs one write and no read: its conditional append proves it.
        var stream = request.Command is CreateTodo ? EmptyStream : await events.ReadAsync(request.TodoId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var state = TodoDecider.Fold(stream.DomainEvents);
            if (request.ExpectedVersion is { } expected && expected != stream.Version)
                return await RejectAsync(request, new CommandResult.PreconditionFailed(stream.Version), cancellationToken);
            var decision = TodoDecider.Decide(request.Command, state);
            if (decision is not Decision.Accepted { Events: var appended })
                return await RejectAsync(request, new CommandResult.Executed(new CommandOutcome(decision, state, stream.Version)), cancellationToken);

            var outcome = new CommandOutcome(decision, appended.Aggregate(state, TodoDecider.Evolve), stream.Version + appended.Count);
            if (appended.Count == 0 && request.Idempotency is null)
                return new CommandResult.Executed(outcome);
            var now = clock.GetUtcNow();
            var record = request.Idempotency is { } claim
                ? new IdempotencyWrite(idempotency.TableName, new IdempotencyRecord(claim.RecordId, (now + idempotencyExpiry).ToUnixTimeSeconds(), claim.Validation, render(outcome)))
                : null;
            switch (await events.AppendAsync(request.TodoId, stream.Version, appended, request.CommandId, now, record, cancellationToken))
            {
                case AppendResult.Appended:
                    return new CommandResult.Executed(outcome);
                case AppendResult.Duplicate duplicate:
                    return Replay(request, duplicate.Existing);
                case AppendResult.Conflict conflict when request.ExpectedVersion is not null:
                    return new CommandResult.PreconditionFailed(conflict.Winner?.Version ?? stream.Version + 1);
                case AppendResult.Conflict when attempt == MaxAttempts:
                    return new CommandResult.Contended();
                case AppendResult.Conflict conflict:
                    await Task.Delay(Backoff(attempt), cancellationToken);
                    stream = conflict.Winner is { } winner && winner.Version == stream.Version + 1
                        ? new EventStream([.. stream.Events, winner])
                        : await events.ReadAsync(request.TodoId, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>A request that writes nothing meets no record in a failed write, so a retried one is looked up here.</summary>
    private async Task<CommandResult> RejectAsync(CommandRequest request, CommandResult rejection, CancellationToken cancellationToken) =>
        request.Idempotency is { } claim && await idempotency.FindAsync(claim.RecordId, clock.GetUtcNow(), cancellationToken) is { } record
            ? Replay(request, record)
            : rejection;

    private static CommandResult Replay(CommandRequest request, IdempotencyRecord record) =>
        record.Validation == request.Idempotency!.Validation ? new CommandResult.Replayed(record) : new CommandResult.KeyReused();

    /// <summary>Full jitter, growing to 50 ms, so contending writers spread out instead of colliding again.</summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(50, 2 << Math.Min(attempt, 5)));
}
