using Todo.Store.Events;
using Todo.Store.Idempotency;

namespace Todo.Tests.Commands;

/// <summary>
/// A store that records what is asked of it, and can let another writer in just before an append, or have the
/// caller die just after one commits.
/// </summary>
public sealed class ObservedEventStore(IEventStore inner) : IEventStore
{
    private readonly List<string> calls = [];

    /// <summary>The names of the calls made, in order.</summary>
    public IReadOnlyList<string> Calls
    {
        get { lock (calls) return [.. calls]; }
    }

    /// <summary>Runs once, before the next append reaches the store.</summary>
    public Func<Task>? BeforeNextAppend { get; set; }

    /// <summary>The next append commits, then its caller gets this instead of the result.</summary>
    public Exception? AfterNextAppend { get; set; }

    public Task<Snapshot> ReadSnapshotAsync(Guid todoId, CancellationToken cancellationToken)
    {
        Record(nameof(ReadSnapshotAsync));
        return inner.ReadSnapshotAsync(todoId, cancellationToken);
    }

    public async Task<AppendResult> AppendAsync(IReadOnlyList<FoldedEvent> events, IdempotencyRecord? idempotency, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Record(nameof(AppendAsync));
        if (BeforeNextAppend is { } before)
        {
            BeforeNextAppend = null;
            await before();
        }
        var result = await inner.AppendAsync(events, idempotency, now, cancellationToken);
        if (AfterNextAppend is { } failure)
        {
            AfterNextAppend = null;
            throw failure;
        }
        return result;
    }

    public Task<EventPage> ReadPageAsync(Guid todoId, long afterVersion, int? limit, bool consistent, CancellationToken cancellationToken)
    {
        Record(nameof(ReadPageAsync));
        return inner.ReadPageAsync(todoId, afterVersion, limit, consistent, cancellationToken);
    }

    public Task<IdempotencyRecord?> FindIdempotencyAsync(string id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        Record(nameof(FindIdempotencyAsync));
        return inner.FindIdempotencyAsync(id, now, cancellationToken);
    }

    private void Record(string call)
    {
        lock (calls)
            calls.Add(call);
    }
}
