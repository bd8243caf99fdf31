namespace Todo.Store.Events;

/// <summary>The events table's attribute names: keyed by todo id (partition) and version (sort).</summary>
public static class EventTable
{
    public const string TodoId = "todoId";
    public const string Version = "version";
    public const string Type = "type";
    public const string SchemaVersion = "schemaVersion";
    public const string Data = "data";
    public const string OccurredAt = "occurredAt";
    public const string CommandId = "commandId";

    /// <summary>
    /// The user the todo belongs to (its creation event's owner), on every item of its stream; absent
    /// for a todo of the shared list. The projector places each event in its owner's list by it.
    /// </summary>
    public const string Owner = "owner";


    /// <summary>
    /// The X-Ray trace header (<c>Root=…;Parent=…;Sampled=…</c>) of the command that wrote the item, its
    /// Parent the command's handler span: a stream-triggered invocation starts a trace of its own, and
    /// this is how the projection still records its work in the command's trace. Absent when the command
    /// was not traced.
    /// </summary>
    public const string TraceHeader = "traceHeader";

    /// <summary>
    /// The todo's folded state after the item's event, a map with its own schema version
    /// (<see cref="StateMap"/>), so the newest item of a stream is a snapshot of it. Items written
    /// before snapshots were kept have none.
    /// </summary>
    public const string State = "state";

    /// <summary>The names inside <see cref="State"/>.</summary>
    public static class StateMap
    {
        public const string SchemaVersion = "schemaVersion";
        public const string Deleted = "deleted";
        public const string Text = "text";
        public const string Completed = "completed";
        public const string CreatedAt = "createdAt";
    }

    /// <summary>The environment variable that names the table, set by the template.</summary>
    public const string EnvironmentVariable = "EVENTS_TABLE";
}
