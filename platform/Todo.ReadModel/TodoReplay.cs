using Todo.Store.Events;
using Todo.Store.Parked;
using Todo.Store.ReadTable;

namespace Todo.ReadModel;

/// <summary>
/// Re-projects one todo from the events table, the source of truth (the stream keeps records a day
/// only): its whole item is written from the state its events fold to, clearing a parked mark, and its parked
/// events are removed. This is what <c>todoctl replay</c>, <c>parked redrive</c> and <c>verify --repair</c> do.
/// Events appended meanwhile (parked behind the mark, or applied by the projector) are caught up on.
/// </summary>
public sealed class TodoReplay(EventStore events, ReadModelWriter writer, ParkedStore parked)
{
    /// <summary>A redrive racing the projector's parking of a new event settles within a few rounds.</summary>
    private const int MaxRounds = 5;

    /// <exception cref="FormatException">An event is still not one this code can read: the todo stays as it is, parked if it was.</exception>
    /// <exception cref="InvalidOperationException">The events do not fold (a stream with a gap, or an event its state cannot take).</exception>
    public async Task<ReplayResult> ReplayAsync(Guid todoId, bool dryRun, CancellationToken cancellationToken)
    {
        var removed = 0;
        for (var round = 0; ; round++)
        {
            var stream = await events.ReadAsync(todoId, cancellationToken);
            if (ReadModelItem.StateOf(stream) is not { } state)
                return new ReplayResult(todoId, 0, Written: false, ParkedRemoved: 0, StillParked: false);
            if (dryRun)
                return new ReplayResult(todoId, state.Version, Written: false, ParkedRemoved: 0, StillParked: false);
            var written = await writer.ReplaceAsync(todoId, state, cancellationToken);
            removed += await parked.RemoveAsync(todoId, state.Version, cancellationToken);
            // The projector may have marked the todo again for an event it parked while this ran: go round again.
            var item = await writer.ReadAsync(TodoTable.ListOf(state.State.Owner), todoId, cancellationToken);
            var stillParked = item?.ContainsKey(TodoTable.ParkedAt) == true;
            if (!stillParked || round + 1 == MaxRounds)
                return new ReplayResult(todoId, state.Version, written, removed, stillParked);
        }
    }
}
