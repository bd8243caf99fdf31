using System.Buffers;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Todo.Lambda.Observability.Tracing;

/// <summary>
/// A finished span as an X-Ray subsegment document, and the datagram the X-Ray daemon takes:
/// <c>{"format": "json", "version": 1}</c>, a newline, the document, at most 64 KB in all. A document too
/// large loses first its metadata and stack frames, then its annotations, never its identity or timing.
/// </summary>
public static class XRayDocument
{
    public const int MaxDatagramBytes = 64 * 1024;
    public const int MaxNameLength = 200;
    public const int MaxAnnotationLength = 1000;
    public const int MaxStackFrames = 50;

    public static ReadOnlySpan<byte> DaemonHeader => "{\"format\": \"json\", \"version\": 1}\n"u8;

    private enum Detail { Full, NoMetadata, Bare }

    public static byte[] Datagram(Activity span)
    {
        foreach (var detail in new[] { Detail.Full, Detail.NoMetadata, Detail.Bare })
        {
            var document = Write(span, detail);
            if (DaemonHeader.Length + document.Length <= MaxDatagramBytes || detail == Detail.Bare)
                return [.. DaemonHeader, .. document];
        }
        throw new UnreachableException();
    }

    private static byte[] Write(Activity span, Detail detail)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("name", Truncate(span.DisplayName, MaxNameLength));
            json.WriteString("id", span.SpanId.ToHexString());
            json.WriteString("trace_id", TraceHeader.RootOf(span.TraceId));
            json.WriteString("parent_id", span.ParentSpanId.ToHexString());
            json.WriteString("type", "subsegment");
            json.WriteNumber("start_time", EpochSeconds(span.StartTimeUtc));
            json.WriteNumber("end_time", EpochSeconds(span.StartTimeUtc + span.Duration));
            var isAws = span.GetTagItem(XRayTags.Operation) is not null;
            if (isAws)
                json.WriteString("namespace", "aws");
            foreach (var flag in new[] { XRayTags.Error, XRayTags.Throttle, XRayTags.Fault })
            {
                if (span.GetTagItem(flag) is true)
                    json.WriteBoolean(flag, true);
            }
            if (span.GetTagItem(XRayTags.HttpStatus) is int status)
            {
                json.WriteStartObject("http");
                json.WriteStartObject("response");
                json.WriteNumber("status", status);
                json.WriteEndObject();
                json.WriteEndObject();
            }
            if (isAws)
                WriteAws(json, span);
            if (detail != Detail.Bare)
            {
                WriteAnnotations(json, span);
                WriteCause(json, span, withStack: detail == Detail.Full, remote: isAws);
            }
            if (detail == Detail.Full)
                WriteAttempts(json, span);
            json.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteAws(Utf8JsonWriter json, Activity span)
    {
        json.WriteStartObject("aws");
        foreach (var (key, value) in span.TagObjects)
        {
            if (!key.StartsWith(XRayTags.AwsPrefix, StringComparison.Ordinal))
                continue;
            var name = key[XRayTags.AwsPrefix.Length..];
            switch (value)
            {
                case string text:
                    json.WriteString(name, text);
                    break;
                case int number:
                    json.WriteNumber(name, number);
                    break;
                case string[] texts:
                    json.WriteStartArray(name);
                    foreach (var text in texts)
                        json.WriteStringValue(text);
                    json.WriteEndArray();
                    break;
            }
        }
        json.WriteEndObject();
    }

    private static void WriteAnnotations(Utf8JsonWriter json, Activity span)
    {
        var started = false;
        foreach (var (key, value) in span.TagObjects)
        {
            if (!key.StartsWith(XRayTags.AnnotationPrefix, StringComparison.Ordinal) || value is null)
                continue;
            if (!started)
            {
                json.WriteStartObject("annotations");
                started = true;
            }
            var name = AnnotationKey(key[XRayTags.AnnotationPrefix.Length..]);
            switch (value)
            {
                case bool flag:
                    json.WriteBoolean(name, flag);
                    break;
                case int number:
                    json.WriteNumber(name, number);
                    break;
                case long number:
                    json.WriteNumber(name, number);
                    break;
                case double number:
                    json.WriteNumber(name, number);
                    break;
                default:
                    json.WriteString(name, Truncate(value.ToString() ?? "", MaxAnnotationLength));
                    break;
            }
        }
        if (started)
            json.WriteEndObject();
    }

    /// <summary>X-Ray takes annotation keys of letters, digits and underscores only.</summary>
    public static string AnnotationKey(string key) =>
        string.Create(key.Length, key, (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                chars[i] = char.IsAsciiLetterOrDigit(source[i]) || source[i] == '_' ? source[i] : '_';
        });

    private static void WriteCause(Utf8JsonWriter json, Activity span, bool withStack, bool remote)
    {
        var exceptions = span.Events.Where(e => e.Name == "exception").ToList();
        if (exceptions.Count == 0)
            return;
        json.WriteStartObject("cause");
        json.WriteString("working_directory", Environment.CurrentDirectory);
        json.WriteStartArray("exceptions");
        foreach (var exception in exceptions)
        {
            json.WriteStartObject();
            json.WriteString("id", ActivitySpanId.CreateRandom().ToHexString());
            json.WriteString("type", Tag(exception, "exception.type"));
            json.WriteString("message", Truncate(Tag(exception, "exception.message"), MaxAnnotationLength));
            if (remote)
                json.WriteBoolean("remote", true);
            if (withStack)
            {
                var frames = Tag(exception, "exception.stacktrace").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(line => line.StartsWith("at ", StringComparison.Ordinal)).ToList();
                json.WriteStartArray("stack");
                foreach (var frame in frames.Take(MaxStackFrames))
                {
                    json.WriteStartObject();
                    json.WriteString("label", Truncate(frame, MaxAnnotationLength));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                if (frames.Count > MaxStackFrames)
                    json.WriteNumber("truncated", frames.Count - MaxStackFrames);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Each failed attempt of a retried call, so the retries show with their status and error code.</summary>
    private static void WriteAttempts(Utf8JsonWriter json, Activity span)
    {
        var attempts = span.Events.Where(e => e.Name == XRayTags.AttemptEvent).ToList();
        if (attempts.Count == 0)
            return;
        json.WriteStartObject("metadata");
        json.WriteStartObject("aws");
        json.WriteStartArray("failed_attempts");
        foreach (var attempt in attempts)
        {
            json.WriteStartObject();
            json.WriteNumber("at", EpochSeconds(attempt.Timestamp.UtcDateTime));
            foreach (var (key, value) in attempt.Tags)
                json.WriteString(key, value?.ToString());
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static string Tag(ActivityEvent activityEvent, string name) =>
        activityEvent.Tags.FirstOrDefault(t => t.Key == name).Value?.ToString() ?? "";

    /// <summary>Epoch seconds with microseconds, as X-Ray's times are.</summary>
    public static double EpochSeconds(DateTime utc) => Math.Round((utc - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond, 6);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
