namespace Todo.Domain;

/// <summary>What the event stream of one todo folds to.</summary>
public abstract record TodoState
{
    public static readonly TodoState Initial = new Nonexistent();

    public sealed record Nonexistent : TodoState;

    public sealed record Live(string Text, bool Completed, DateTimeOffset CreatedAt) : TodoState;

    /// <summary>Deleted todos keep their history; no command applies to them any more.</summary>
    public sealed record Deleted : TodoState;
}
