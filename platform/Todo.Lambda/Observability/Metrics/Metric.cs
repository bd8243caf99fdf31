namespace Todo.Lambda.Observability.Metrics;

/// <summary>One metric's values in one invocation. High resolution is CloudWatch's one-second storage resolution.</summary>
public sealed record Metric(string Name, MetricUnit Unit, bool HighResolution)
{
    public List<double> Values { get; } = [];
}
