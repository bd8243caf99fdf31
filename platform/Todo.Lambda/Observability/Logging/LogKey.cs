namespace Todo.Lambda.Observability.Logging;

/// <summary>
/// One key of a log line beside the standard ones. Its value is a string, a whole number, a number, a
/// flag, a list of strings or null, so that every line is written as JSON without reflection.
/// </summary>
public readonly record struct LogKey(string Name, object? Value);
