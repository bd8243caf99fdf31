using Todo.Domain.Events;
using Todo.Adapters.Events;

namespace Todo.Projections;

/// <summary>The projection as a pure function: a stored event to the change it makes to the read table.</summary>
public static class TodoProjection
{
    public static ReadModelChange Project(StoredEvent stored)
    {
        var change = new ReadModelChange(stored.TodoId, stored.Version);
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
}
