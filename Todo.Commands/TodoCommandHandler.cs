using System.Runtime.CompilerServices;
using Todo.Domain;
using Todo.Domain.Commands;
using Todo.Store.Events;
using Todo.Store.Idempotency;

namespace Todo.Commands;

/// <summary>
/// Runs a command against a todo's newest snapshot: decide, append. The snapshot comes from the
/// instance's cache or from one bounded read (the stream's newest item holds the state after it),
/// whatever the length of the history. A concurrent append, or a stale cache, makes the conditional
/// write fail and return the item that won, so the command is decided again on the caught-up state, a
/// bounded number of times: no update is lost and none overwrites another. Only a write that succeeds
/// proves cached state current, so a command that would refuse or write nothing on cached state is
/// decided again on a fresh read. A request's idempotency record is written in the same transaction as
/// its events, so a retry after a crash at any point finds either no effect and no record, or both.
/// </summary>
/// <param name="cache">The function instance's snapshots; null gives the handler a cache of its own.</param>
public sealed class TodoCommandHandler(IEventStore store, TimeSpan idempotencyExpiry, TimeProvider clock, SnapshotCache? cache = null)
{
    public const int MaxAttempts = 64;

    private readonly SnapshotCache cache = cache ?? new SnapshotCache(SnapshotCache.DefaultCapacity);

    /// <summary>What a command is decided on.</summary>
    /// <param name="Fresh">
    /// Read during this request, or caught up from such a read by the winners of conflicts: the todo's
    /// newest state at some moment while the request ran. A cached snapshot may predate the request.
    /// </param>
    /// <param name="FromWinner">Taken from a conflict's winner, which may itself have been overtaken.</param>
    private sealed record Head(Snapshot Snapshot, bool Fresh, bool FromWinner = false);

    /// <param name="render">The answer an outcome gets, kept with the effect for replays.</param>
    public async Task<CommandResult> HandleAsync(CommandRequest request, Func<CommandOutcome, string> render, CancellationToken cancellationToken)
    {
        var conflicts = new StrongBox<int>();
        var result = await RunAsync(request, render, conflicts, cancellationToken);
        return result with { ConflictRetries = conflicts.Value };
    }

    private async Task<CommandResult> RunAsync(CommandRequest request, Func<CommandOutcome, string> render, StrongBox<int> conflicts, CancellationToken cancellationToken)
    {
        // A new id's stream is empty, so a create costs one write and no read: its conditional append proves it.
        var head = request.Command is CreateTodo ? new Head(Snapshot.Empty, Fresh: true)
            : cache.Find(request.TodoId) is { } cached ? new Head(cached, Fresh: false)
            : await ReadAsync(request.TodoId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var (state, version) = head.Snapshot;
            var decision = TodoDecider.Decide(request.Command, state);
            // RFC 9110 13.2.1: a request that would fail without its precondition ignores it, so a todo that
            // does not exist (or no longer does, or is another user's) is a 404 whatever If-Match says, never a
            // 412, whose version would tell another user that the todo exists and how often it changed.
            var mismatch = request.ExpectedVersion is { } expected && expected != version
                && state is TodoState.Live live && live.BelongsTo(request.Command.Caller);
            if (!head.Fresh && (mismatch || decision is not Decision.Accepted { Events.Count: > 0 }))
            {
                // A stale cache would lose another instance's update or refuse wrongly: decide this on a fresh read.
                head = await ReadAsync(request.TodoId, cancellationToken);
                continue;
            }
            if (mismatch)
                return await RejectAsync(request, new CommandResult.PreconditionFailed(version), cancellationToken);
            if (decision is not Decision.Accepted { Events: var appended })
                return await RejectAsync(request, new CommandResult.Executed(new CommandOutcome(decision, state, version)), cancellationToken);

            var now = clock.GetUtcNow();
            var folded = FoldedEvent.Following(head.Snapshot, appended, request.TodoId, request.CommandId, request.TraceHeader, now);
            var outcome = new CommandOutcome(decision, folded is [.., var last] ? last.StateAfter : state, version + appended.Count);
            if (appended.Count == 0 && request.Idempotency is null)
                return new CommandResult.Executed(outcome);
            var record = request.Idempotency is { } claim
                ? new IdempotencyRecord(claim.RecordId, (now + idempotencyExpiry).ToUnixTimeSeconds(), claim.Validation, render(outcome))
                : null;
            var result = await store.AppendAsync(folded, record, now, cancellationToken);
            if (result is AppendResult.Conflict { Winner: var learned })
            {
                conflicts.Value++;
                if (learned is not null)
                    cache.Remember(request.TodoId, learned);
            }
            switch (result)
            {
                case AppendResult.Appended:
                    cache.Remember(request.TodoId, new Snapshot(outcome.State, outcome.Version));
                    return new CommandResult.Executed(outcome);
                case AppendResult.Duplicate duplicate:
                    return Replay(request, duplicate.Existing);
                case AppendResult.Conflict conflict when request.ExpectedVersion is not null:
                    return new CommandResult.PreconditionFailed(conflict.Winner?.Version ?? version + 1);
                case AppendResult.Conflict when attempt == MaxAttempts:
                    return new CommandResult.Contended();
                case AppendResult.Conflict conflict:
                    // A stale cache is not contention: it is caught up at once.
                    if (head.Fresh)
                        await Task.Delay(Backoff(attempt), cancellationToken);
                    // The winner is the newest state unless it too was overtaken: after one catch-up that failed, read.
                    head = conflict.Winner is { } winner && winner.Version > version && !head.FromWinner
                        ? new Head(winner, head.Fresh, FromWinner: true)
                        : await ReadAsync(request.TodoId, cancellationToken);
                    break;
            }
        }
    }

    private async Task<Head> ReadAsync(Guid todoId, CancellationToken cancellationToken)
    {
        var snapshot = await store.ReadSnapshotAsync(todoId, cancellationToken);
        cache.Remember(todoId, snapshot);
        return new Head(snapshot, Fresh: true);
    }

    /// <summary>A request that writes nothing meets no record in a failed write, so a retried one is looked up here.</summary>
    private async Task<CommandResult> RejectAsync(CommandRequest request, CommandResult rejection, CancellationToken cancellationToken) =>
        request.Idempotency is { } claim && await store.FindIdempotencyAsync(claim.RecordId, clock.GetUtcNow(), cancellationToken) is { } record
            ? Replay(request, record)
            : rejection;

    private static CommandResult Replay(CommandRequest request, IdempotencyRecord record) =>
        record.Validation == request.Idempotency!.Validation ? new CommandResult.Replayed(record) : new CommandResult.KeyReused();

    /// <summary>Full jitter, growing to 50 ms, so contending writers spread out instead of colliding again.</summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(50, 2 << Math.Min(attempt, 5)));
}
