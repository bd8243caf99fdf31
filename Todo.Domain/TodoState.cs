namespace Todo.Domain;

/// <summary>What the event stream of one todo folds to.</summary>
public abstract record TodoState
{
    public static readonly TodoState Initial = new Nonexistent();

    /// <summary>Whose todo it is: the user who created it, null for the shared list (and for no todo yet).</summary>
    public abstract string? Owner { get; }

    public sealed record Nonexistent : TodoState
    {
        public override string? Owner => null;
    }

    public sealed record Live(string Text, bool Completed, DateTimeOffset CreatedAt, string? Owner = null) : TodoState
    {
        public override string? Owner { get; } = Owner;
    }

    /// <summary>Deleted todos keep their history, and their owner; no command applies to them any more.</summary>
    public sealed record Deleted(string? Owner = null) : TodoState
    {
        public override string? Owner { get; } = Owner;
    }

    /// <summary>
    /// Whether <paramref name="caller"/> may see and change the todo: only its owner may, and a todo of
    /// the shared list is the open API's (no caller). To anyone else it does not exist.
    /// </summary>
    public bool BelongsTo(string? caller) => Owner == caller;
}
