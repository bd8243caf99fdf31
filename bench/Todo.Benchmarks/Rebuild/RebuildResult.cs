namespace Todo.Benchmarks.Rebuild;

/// <param name="Todos">The todos seeded: the read items the raw write writes.</param>
/// <param name="RawScans">A parallel segmented Scan of every event, nothing else done with them: before the rebuild and after.</param>
/// <param name="RawWrites">BatchWriteItem of the read items those events give, as many writers as segments: before and after.</param>
/// <param name="Rebuild">What <c>todoctl rebuild</c> answered: the copy, then the catch-up and switch, and its verify.</param>
/// <param name="Process">The todoctl process, from its start to its exit: .NET's start, the rebuild and the verify.</param>
public sealed record RebuildResult(int Todos, int Segments, BeforeAndAfter RawScans, BeforeAndAfter RawWrites, RebuildAnswer Rebuild, TimeSpan Process)
{
    public long Events => Rebuild.Events;
    public TimeSpan RawTotal => RawScans.Best + RawWrites.Best;
    public double CopyRatio => Rebuild.Copied / RawTotal;
    public double Ratio => Rebuild.Elapsed / RawTotal;
}
