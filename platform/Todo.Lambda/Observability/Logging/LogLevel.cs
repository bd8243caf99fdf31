namespace Todo.Lambda.Observability.Logging;

/// <summary>Lambda's application log levels, in order: a line is written when its level is at least the function's.</summary>
public enum LogLevel
{
    Trace,
    Debug,
    Info,
    Warn,
    Error,
    Fatal,
}

public static class LogLevels
{
    /// <summary>The name in a line's <c>level</c>: Lambda's own, which its JSON log filter (ApplicationLogLevel) reads.</summary>
    public static string Name(LogLevel level) => level switch
    {
        LogLevel.Trace => "TRACE",
        LogLevel.Debug => "DEBUG",
        LogLevel.Info => "INFO",
        LogLevel.Warn => "WARN",
        LogLevel.Error => "ERROR",
        _ => "FATAL",
    };

    /// <summary>Lambda's names, or .NET's (Information, Warning, Critical) as Powertools .NET takes them; null for anything else.</summary>
    public static LogLevel? Parse(string? text) => text?.Trim().ToUpperInvariant() switch
    {
        "TRACE" => LogLevel.Trace,
        "DEBUG" => LogLevel.Debug,
        "INFO" or "INFORMATION" => LogLevel.Info,
        "WARN" or "WARNING" => LogLevel.Warn,
        "ERROR" => LogLevel.Error,
        "FATAL" or "CRITICAL" => LogLevel.Fatal,
        _ => null,
    };
}
