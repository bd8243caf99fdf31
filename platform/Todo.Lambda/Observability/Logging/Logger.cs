using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Todo.Lambda.Observability.Logging;

/// <summary>
/// A function's structured logger in Powertools Logging's key shape: one JSON object a line with
/// <c>timestamp</c>, <c>level</c>, <c>message</c>, <c>service</c>, the invocation's keys (cold start,
/// function, request, trace and correlation ids, see <see cref="InvocationScope"/>), the keys appended to the
/// invocation, then the line's own. Lines below the level are not written, except in an invocation the
/// sample rate raised to debug.
/// </summary>
public sealed class Logger(string service, LogLevel level, double sampleRate, LogOutput output)
{
    public string Service { get; } = service;

    public LogLevel Level { get; } = level;

    /// <summary>The fraction of invocations logged at debug whatever <see cref="Level"/> says.</summary>
    public double SampleRate { get; } = sampleRate;

    public LogOutput Output { get; } = output;

    public bool IsEnabled(LogLevel lineLevel) =>
        lineLevel >= (InvocationScope.Current is { DebugSampled: true } ? LogLevel.Debug : Level);

    public void Debug(string message, params ReadOnlySpan<LogKey> keys) => Write(LogLevel.Debug, message, null, keys);

    public void Info(string message, params ReadOnlySpan<LogKey> keys) => Write(LogLevel.Info, message, null, keys);

    public void Warn(string message, params ReadOnlySpan<LogKey> keys) => Write(LogLevel.Warn, message, null, keys);

    public void Error(string message, Exception? exception, params ReadOnlySpan<LogKey> keys) => Write(LogLevel.Error, message, exception, keys);

    public void Write(LogLevel lineLevel, string message, Exception? exception, ReadOnlySpan<LogKey> keys)
    {
        if (!IsEnabled(lineLevel))
            return;
        var line = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(line))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", Timestamp(DateTimeOffset.UtcNow));
            json.WriteString("level", LogLevels.Name(lineLevel));
            json.WriteString("message", message);
            json.WriteString("service", Service);
            if (SampleRate > 0)
                json.WriteNumber("sampling_rate", SampleRate);
            var scope = InvocationScope.Current;
            scope?.WriteKeys(json);
            foreach (var key in keys)
                WriteKey(json, key);
            if (exception is not null)
                WriteException(json, "exception", exception);
            json.WriteEndObject();
        }
        Output.WriteLine(line.WrittenSpan);
    }

    /// <summary>RFC 3339 in UTC with milliseconds, as Lambda's own JSON lines have it.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    internal static void WriteKey(Utf8JsonWriter json, LogKey key)
    {
        switch (key.Value)
        {
            case null:
                json.WriteNull(key.Name);
                break;
            case string text:
                json.WriteString(key.Name, text);
                break;
            case bool flag:
                json.WriteBoolean(key.Name, flag);
                break;
            case int number:
                json.WriteNumber(key.Name, number);
                break;
            case long number:
                json.WriteNumber(key.Name, number);
                break;
            case double number:
                json.WriteNumber(key.Name, number);
                break;
            case IEnumerable<string> texts:
                json.WriteStartArray(key.Name);
                foreach (var text in texts)
                    json.WriteStringValue(text);
                json.WriteEndArray();
                break;
            default:
                json.WriteString(key.Name, Convert.ToString(key.Value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>The exception's full type name, message and stack, and the same of its inner exception, as Powertools .NET writes them.</summary>
    private static void WriteException(Utf8JsonWriter json, string name, Exception exception)
    {
        json.WriteStartObject(name);
        json.WriteString("type", exception.GetType().FullName);
        json.WriteString("message", exception.Message);
        if (exception.StackTrace is { } stack)
            json.WriteString("stack_trace", stack);
        if (exception.InnerException is { } inner)
            WriteException(json, "inner_exception", inner);
        json.WriteEndObject();
    }
}
