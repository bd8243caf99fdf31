namespace Todo.Operator.Rebuild;

/// <param name="Segments">How many Scan segments are read at once.</param>
/// <param name="Rate">At most this many items written per second; null for no cap.</param>
public sealed record RebuildOptions(int Segments, int? Rate);

/// <summary>How far a rebuild is: events read of about <paramref name="TotalEvents"/>, and todos written.</summary>
public sealed record RebuildProgress(long EventsRead, long TotalEvents, long TodosWritten);

/// <summary>What a rebuild did: the table it left (kept for a rollback), the one it made active, and its counts.</summary>
/// <param name="Copied">How long the Scan, fold and write of every todo took; the rest of <paramref name="Elapsed"/> is the catch-up and the switch.</param>
public sealed record RebuildReport(string From, string To, long Events, long Todos, int CaughtUp, TimeSpan Copied, TimeSpan Elapsed);
