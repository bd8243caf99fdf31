namespace Todo.Lambda.Observability.Tracing;

/// <summary>An exception in a segment's <c>cause</c>; <see cref="Remote"/> when a called service raised it.</summary>
public sealed record XRayException(string Id, string Type, string Message)
{
    public bool Remote { get; init; }

    /// <summary>The stack's frames, innermost first (<c>at …</c> lines).</summary>
    public IReadOnlyList<string> Stack { get; init; } = [];
}
