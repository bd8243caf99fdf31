namespace Todo.Store.ReadTable;

/// <summary>A todo as the read table holds it after the projection; <see cref="Version"/> is the last event applied.</summary>
public sealed record TodoView(Guid Id, string Text, bool Completed, DateTimeOffset CreatedAt, long Version);
