namespace Todo.Tests.Live;

/// <summary>A request the management endpoint received, as it came: the target undecoded, the headers by lower-case name.</summary>
public sealed record ManagementRequest(string Method, string RawTarget, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    /// <summary>The connection id of <c>/prod/@connections/{id}</c>, decoded.</summary>
    public string ConnectionId => Uri.UnescapeDataString(RawTarget[(RawTarget.LastIndexOf('/') + 1)..]);
}
