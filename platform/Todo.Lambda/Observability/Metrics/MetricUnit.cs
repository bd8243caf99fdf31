namespace Todo.Lambda.Observability.Metrics;

/// <summary>The CloudWatch units this project's metrics use.</summary>
public enum MetricUnit
{
    Count,
    Milliseconds,
}
