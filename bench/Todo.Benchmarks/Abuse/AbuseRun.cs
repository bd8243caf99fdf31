using Todo.Benchmarks.Measuring;

namespace Todo.Benchmarks.Abuse;

/// <summary>
/// One run of the abuse benchmark: how the normal users' requests were answered and how fast, and what the abuser
/// (none, an anonymous address, or a signed-in user) sent and got.
/// </summary>
public sealed record AbuseRun(string Abuser, TimeSpan Duration, Latencies Normal, int NormalRequests, int NormalTooMany, int NormalFailed,
    int AbuserRequests, int AbuserTooMany)
{
    public double AbuserPerMinute => AbuserRequests / Duration.TotalMinutes;
}
