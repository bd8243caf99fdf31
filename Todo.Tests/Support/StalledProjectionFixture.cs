using Microsoft.Extensions.Time.Testing;
using Todo.Queries;

namespace Todo.Tests.Support;

/// <summary>
/// The local app with its stream projection stalled: the read table never catches up, as when the projector lags far behind.
/// Its clock moves on by a fresh read's whole wait each time it is read, so such a read falls back to the events at once
/// instead of after a real second.
/// </summary>
public sealed class StalledProjectionFixture : LocalAppFixture
{
    protected override TimeSpan StreamPollInterval => TimeSpan.FromHours(1);

    protected override TimeProvider Clock { get; } = new FakeTimeProvider(DateTimeOffset.UtcNow) { AutoAdvanceAmount = FreshReads.MaxWait };
}
