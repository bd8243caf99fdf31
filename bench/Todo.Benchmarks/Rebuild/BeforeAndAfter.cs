namespace Todo.Benchmarks.Rebuild;

/// <summary>A raw run's time before the rebuild and after it.</summary>
public sealed record BeforeAndAfter(TimeSpan Before, TimeSpan After)
{
    /// <summary>The faster of the two: the engine's best, so a rebuild cannot look good by a slow moment of the raw run.</summary>
    public TimeSpan Best => Before < After ? Before : After;
}
