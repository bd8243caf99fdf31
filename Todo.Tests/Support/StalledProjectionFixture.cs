namespace Todo.Tests.Support;

/// <summary>The local app with its stream projection stopped: the read table never catches up, as when the projector lags far behind.</summary>
public sealed class StalledProjectionFixture : LocalAppFixture
{
    protected override bool Projects => false;
}
