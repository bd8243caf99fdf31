namespace Todo.Benchmarks.Live;

/// <summary>Connections held open at once by the local host in a process of its own, and its resident memory before and with them.</summary>
public sealed record LiveConnections(int Opened, int StillOpen, double RssBeforeMegabytes, double RssWithMegabytes)
{
    public double KilobytesEach => (RssWithMegabytes - RssBeforeMegabytes) * 1024 / Opened;
}
