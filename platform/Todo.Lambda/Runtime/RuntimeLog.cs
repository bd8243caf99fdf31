using Todo.Lambda.Core;
using System.Text.Json;

namespace Todo.Lambda.Runtime;

/// <summary>
/// Error lines in the shape Lambda's JSON log format expects of a custom runtime: one object per line
/// with a <c>level</c> (so the application log level filters it) and the managed runtime's field names.
/// </summary>
internal static class RuntimeLog
{
    public static void Error(LambdaContext? context, ErrorReport error)
    {
        using var line = new MemoryStream();
        using (var json = new Utf8JsonWriter(line))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("level", "ERROR");
            if (context is not null)
            {
                json.WriteString("requestId", context.AwsRequestId);
                if (context.TraceId is { } trace)
                    json.WriteString("traceId", trace);
            }
            json.WriteString("message", context is null ? "The function could not start." : "The invocation failed.");
            json.WriteString("errorType", error.ErrorType);
            json.WriteString("errorMessage", error.ErrorMessage);
            json.WriteStartArray("stackTrace");
            foreach (var frame in error.StackTrace)
                json.WriteStringValue(frame);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        line.WriteByte((byte)'\n');
        using var stdout = Console.OpenStandardOutput();
        stdout.Write(line.GetBuffer(), 0, (int)line.Length);
    }
}
