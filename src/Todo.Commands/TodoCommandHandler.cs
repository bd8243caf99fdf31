using Todo.Domain;
using Todo.Domain.Commands;
using Todo.Storage.Events;

namespace Todo.Commands;

/// <summary>
/// Runs a command against a todo's event stream: fold, decide, append. A concurrent append makes
/// the conditional write fail; the command is then decided again on the fresh stream, a bounded
/// number of times, so no update is lost and none overwrites another.
/// </summary>
public sealed class TodoCommandHandler(EventStore store, TimeProvider clock)
{
    public const int MaxAttempts = 64;

    private static readonly EventStream EmptyStream = new([]);

    public async Task<CommandOutcome> HandleAsync(Guid todoId, TodoCommand command, string commandId, CancellationToken cancellationToken)
    {
        // A new id's stream is empty, so a create costs one write and no read: its conditional append proves it.
        var stream = command is CreateTodo ? EmptyStream : await store.ReadAsync(todoId, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var state = TodoDecider.Fold(stream.DomainEvents);
            var decision = TodoDecider.Decide(command, state);
            if (decision is not Decision.Accepted { Events: { Count: > 0 } events })
                return new CommandOutcome(decision, state, stream.Version);
            try
            {
                await store.AppendAsync(todoId, stream.Version, events, commandId, clock.GetUtcNow(), cancellationToken);
                return new CommandOutcome(decision, events.Aggregate(state, TodoDecider.Evolve), stream.Version + events.Count);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
                await Task.Delay(Backoff(attempt), cancellationToken);
                stream = await store.ReadAsync(todoId, cancellationToken);
            }
        }
    }

    /// <summary>Full jitter, growing to 50 ms, so contending writers spread out instead of colliding again.</summary>
    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * Math.Min(50, 2 << Math.Min(attempt, 5)));
}
