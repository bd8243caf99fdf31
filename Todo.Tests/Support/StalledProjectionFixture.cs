namespace Todo.Tests.Support;

/// <summary>The local app with its stream projection stalled: the read table never catches up, as when the projector lags far behind.</summary>
public sealed class StalledProjectionFixture : LocalAppFixture
{
    protected override TimeSpan StreamPollInterval => TimeSpan.FromHours(1);
}
