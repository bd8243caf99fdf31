namespace Todo.Local.XRay;

/// <summary>Where the local host's traces are: the store, the daemon address the functions send to, and the web app's viewer.</summary>
public sealed record LocalTraces(TraceStore Store, string DaemonAddress, Uri Viewer);
