using Todo.Domain.Events;
using Todo.Store.Events;
using Todo.Store.ReadTable;

namespace Todo.ReadModel;

/// <summary>The projection as pure functions: a stored event to the change it makes to the read table, and consecutive changes of one todo as one.</summary>
public static class TodoProjection
{
    public static ReadModelChange Project(StoredEvent stored)
    {
        var change = new ReadModelChange(stored.TodoId, stored.Version) { ListId = TodoTable.ListOf(stored.Owner) };
        return stored.Event switch
        {
            TodoCreated created => change with { Text = created.Text, Completed = false, CreatedAt = created.CreatedAt },
            TodoTextChanged changed => change with { Text = changed.Text },
            TodoCompleted => change with { Completed = true },
            TodoReopened => change with { Completed = false },
            TodoDeleted => change with { Deleted = true },
            _ => throw new ArgumentOutOfRangeException(nameof(stored), stored.Event, "Unknown event."),
        };
    }

    /// <summary>
    /// A todo's whole stream as one change from its first event: what the read item holds once every event is
    /// applied. Null for no events; throws <see cref="InvalidOperationException"/> for a stream with a gap or an
    /// event after the delete, which no append makes.
    /// </summary>
    public static ReadModelChange? Fold(IEnumerable<StoredEvent> stream)
    {
        ReadModelChange? all = null;
        foreach (var stored in stream)
        {
            var next = Project(stored);
            all = all is null
                ? (next.PreviousVersion == 0 ? next : throw new InvalidOperationException($"The stream of {stored.TodoId} starts at version {stored.Version}."))
                : Coalesce(all, next) ?? throw new InvalidOperationException($"Version {stored.Version} of {stored.TodoId} does not follow version {all.Version}.");
        }
        return all;
    }

    /// <summary>
    /// <paramref name="first"/> then <paramref name="next"/> as one change, which leaves the read item as
    /// applying the two one after the other would; null when <paramref name="next"/> does not directly
    /// follow <paramref name="first"/> in the same todo, or follows a delete (a tombstone takes nothing more
    /// into one write).
    /// </summary>
    public static ReadModelChange? Coalesce(ReadModelChange first, ReadModelChange next)
    {
        if (next.TodoId != first.TodoId || next.ListId != first.ListId || next.PreviousVersion != first.Version || first.Deleted)
            return null;
        return new ReadModelChange(first.TodoId, next.Version)
        {
            ListId = first.ListId,
            Text = next.Text ?? first.Text,
            Completed = next.Completed ?? first.Completed,
            CreatedAt = next.CreatedAt ?? first.CreatedAt,
            Deleted = next.Deleted,
            Events = first.Events + next.Events,
        };
    }
}
