namespace Todo.Adapters.Events;

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

    /// <summary>The environment variable that names the table, set by the template.</summary>
    public const string EnvironmentVariable = "EVENTS_TABLE";
}
