using Todo.Store.Events;
using Todo.Domain;

namespace Todo.Commands;

/// <summary>
/// The newest snapshots a function instance has seen, by todo, the least recently used dropped past
/// <see cref="Capacity"/> (as Equinox's AnyCachedValue keeps the streams an instance recently handled).
/// A warm instance decides an update on a cached snapshot and pays only its conditional write; the
/// write's condition tells it when the cache is stale. Thread-safe: the local host runs functions
/// concurrently.
/// </summary>
public sealed class SnapshotCache(int capacity)
{
    /// <summary>A todo's state is small (its text at most 1000 characters), so a few thousand fit in a few MB.</summary>
    public const int DefaultCapacity = 4096;

    private readonly Dictionary<Guid, LinkedListNode<(Guid TodoId, Snapshot Snapshot)>> entries = [];
    private readonly LinkedList<(Guid TodoId, Snapshot Snapshot)> byRecency = [];
    private readonly Lock gate = new();

    public int Capacity { get; } = capacity >= 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count
    {
        get { lock (gate) return entries.Count; }
    }

    public Snapshot? Find(Guid todoId)
    {
        lock (gate)
        {
            if (!entries.TryGetValue(todoId, out var entry))
                return null;
            Touch(entry);
            return entry.Value.Snapshot;
        }
    }

    /// <summary>
    /// Keeps what was learned of a todo, unless a newer version is already kept (a snapshot is a fact
    /// about its version, so the newest one seen is the best guess). A todo that does not or no longer
    /// exists is dropped: every command on it is a refusal, which is never decided on cached state.
    /// </summary>
    public void Remember(Guid todoId, Snapshot snapshot)
    {
        lock (gate)
        {
            entries.TryGetValue(todoId, out var entry);
            if (entry is not null && entry.Value.Snapshot.Version >= snapshot.Version)
            {
                Touch(entry);
                return;
            }
            if (snapshot.State is not TodoState.Live || Capacity == 0)
            {
                if (entry is not null)
                    Forget(entry);
                return;
            }
            if (entry is not null)
            {
                entry.Value = (todoId, snapshot);
                Touch(entry);
                return;
            }
            entries[todoId] = byRecency.AddFirst((todoId, snapshot));
            if (entries.Count > Capacity)
                Forget(byRecency.Last!);
        }
    }

    private void Touch(LinkedListNode<(Guid TodoId, Snapshot Snapshot)> entry)
    {
        byRecency.Remove(entry);
        byRecency.AddFirst(entry);
    }

    private void Forget(LinkedListNode<(Guid TodoId, Snapshot Snapshot)> entry)
    {
        byRecency.Remove(entry);
        entries.Remove(entry.Value.TodoId);
    }
}
