namespace Todo.Lambda.Observability.Logging;

/// <summary>
/// Where a function's log lines go, one JSON object a line. Lambda sends a function's stdout to CloudWatch
/// Logs, one event per line; the local host also keeps each function's lines in a file of its own.
/// </summary>
public abstract class LogOutput
{
    /// <summary>The process's stdout, what Lambda reads.</summary>
    public static LogOutput StandardOutput { get; } = new StreamOutput(Console.OpenStandardOutput());

    /// <summary>Nowhere: for functions built without a place to log, such as in tests that call one directly.</summary>
    public static LogOutput None { get; } = new NoOutput();

    /// <summary>Writes one line; <paramref name="line"/> has no newline. Concurrent callers' lines never interleave.</summary>
    public abstract void WriteLine(ReadOnlySpan<byte> line);

    private sealed class NoOutput : LogOutput
    {
        public override void WriteLine(ReadOnlySpan<byte> line) { }
    }
}

/// <summary>Lines to a stream, each with its newline in one write.</summary>
public sealed class StreamOutput(Stream stream) : LogOutput
{
    private readonly Lock gate = new();

    public override void WriteLine(ReadOnlySpan<byte> line)
    {
        lock (gate)
        {
            stream.Write(line);
            stream.WriteByte((byte)'\n');
            stream.Flush();
        }
    }
}
