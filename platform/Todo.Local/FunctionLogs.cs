using Todo.Lambda.Observability.Logging;

namespace Todo.Local;

/// <summary>
/// A function's log lines as CloudWatch Logs would receive them, one JSON object a line, appended to
/// <c>.local/logs/&lt;LogicalId&gt;.log</c>, and also shown on the console after the function's name.
/// </summary>
public sealed class FunctionLogs(string logicalId, string? folder, TextWriter? console) : LogOutput, IDisposable
{
    private readonly Lock gate = new();

    public string LogicalId { get; } = logicalId;
    private readonly FileStream? file = folder is null ? null : Open(folder, logicalId);

    private static FileStream Open(string folder, string logicalId)
    {
        Directory.CreateDirectory(folder);
        return new FileStream(Path.Combine(folder, logicalId + ".log"), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
    }

    public override void WriteLine(ReadOnlySpan<byte> line)
    {
        lock (gate)
        {
            if (file is not null)
            {
                file.Write(line);
                file.WriteByte((byte)'\n');
                file.Flush();
            }
            console?.WriteLine($"{LogicalId} {System.Text.Encoding.UTF8.GetString(line)}");
        }
    }

    public void Dispose()
    {
        lock (gate)
            file?.Dispose();
    }
}
