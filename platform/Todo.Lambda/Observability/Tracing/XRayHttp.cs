namespace Todo.Lambda.Observability.Tracing;

/// <summary>A segment's <c>http</c> object: the request as received (a stage's), the status answered.</summary>
public sealed record XRayHttp
{
    public string? Method { get; init; }
    public string? Url { get; init; }
    public string? UserAgent { get; init; }
    public string? ClientIp { get; init; }
    public int? Status { get; init; }
}
