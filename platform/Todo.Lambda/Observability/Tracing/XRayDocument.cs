using System.Buffers;
using System.Text.Json;

namespace Todo.Lambda.Observability.Tracing;

/// <summary>
/// The one writer of X-Ray segment documents, for the functions' spans and the local host's emulated services
/// alike, within X-Ray's limits (name and annotation lengths, annotation keys, stack frames); and the datagram
/// the X-Ray daemon takes: <c>{"format": "json", "version": 1}</c>, a newline, the document, at most 64 KB in
/// all. A document too large loses first its metadata and stack frames, then its annotations and cause, never
/// its identity or timing.
/// </summary>
public static class XRayDocument
{
    public const int MaxDatagramBytes = 64 * 1024;
    public const int MaxNameLength = 200;
    public const int MaxAnnotationLength = 1000;
    public const int MaxStackFrames = 50;

    public static ReadOnlySpan<byte> DaemonHeader => "{\"format\": \"json\", \"version\": 1}\n"u8;

    public static byte[] Datagram(XRaySegment segment)
    {
        XRaySegment[] lighter =
        [
            segment,
            segment with { FailedAttempts = [], Exceptions = [.. segment.Exceptions.Select(e => e with { Stack = [] })] },
            segment with { FailedAttempts = [], Exceptions = [], Annotations = [] },
        ];
        byte[] document = [];
        foreach (var attempt in lighter)
        {
            document = Write(attempt);
            if (DaemonHeader.Length + document.Length <= MaxDatagramBytes)
                break;
        }
        return [.. DaemonHeader, .. document];
    }

    /// <summary>The document as UTF-8 JSON.</summary>
    public static byte[] Write(XRaySegment segment)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer))
            Write(json, segment);
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter json, XRaySegment segment)
    {
        json.WriteStartObject();
        json.WriteString("name", Truncate(segment.Name, MaxNameLength));
        json.WriteString("id", segment.Id);
        WriteIfSet(json, "trace_id", segment.TraceId);
        WriteIfSet(json, "parent_id", segment.ParentId);
        if (segment.IsSubsegment)
            json.WriteString("type", "subsegment");
        json.WriteNumber("start_time", EpochSeconds(segment.Start));
        json.WriteNumber("end_time", EpochSeconds(segment.End));
        WriteIfSet(json, "origin", segment.Origin);
        WriteIfSet(json, "namespace", segment.Namespace);
        WriteIfSet(json, "resource_arn", segment.ResourceArn);
        foreach (var (flag, set) in new[] { (XRayTags.Error, segment.Error), (XRayTags.Throttle, segment.Throttle), (XRayTags.Fault, segment.Fault) })
        {
            if (set)
                json.WriteBoolean(flag, true);
        }
        if (segment.Http is { } http)
            WriteHttp(json, http);
        if (segment.Aws.Count > 0)
        {
            json.WriteStartObject("aws");
            foreach (var (key, value) in segment.Aws)
                WriteValue(json, key, value);
            json.WriteEndObject();
        }
        if (segment.Annotations.Count > 0)
        {
            json.WriteStartObject("annotations");
            foreach (var (key, value) in segment.Annotations)
                WriteValue(json, AnnotationKey(key), value is string text ? Truncate(text, MaxAnnotationLength) : value);
            json.WriteEndObject();
        }
        if (segment.Exceptions.Count > 0)
            WriteCause(json, segment.Exceptions);
        if (segment.FailedAttempts.Count > 0)
            WriteAttempts(json, segment.FailedAttempts);
        if (segment.Subsegments.Count > 0)
        {
            json.WriteStartArray("subsegments");
            foreach (var subsegment in segment.Subsegments)
                Write(json, subsegment);
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static void WriteHttp(Utf8JsonWriter json, XRayHttp http)
    {
        json.WriteStartObject("http");
        if (http is not { Method: null, Url: null, UserAgent: null, ClientIp: null })
        {
            json.WriteStartObject("request");
            WriteIfSet(json, "method", http.Method);
            WriteIfSet(json, "url", http.Url);
            WriteIfSet(json, "user_agent", http.UserAgent);
            WriteIfSet(json, "client_ip", http.ClientIp);
            json.WriteEndObject();
        }
        if (http.Status is { } status)
        {
            json.WriteStartObject("response");
            json.WriteNumber("status", status);
            json.WriteEndObject();
        }
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, string name, object value)
    {
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
            case IEnumerable<string> texts:
                json.WriteStartArray(name);
                foreach (var text in texts)
                    json.WriteStringValue(text);
                json.WriteEndArray();
                break;
            default:
                json.WriteString(name, value.ToString());
                break;
        }
    }

    /// <summary>X-Ray takes annotation keys of letters, digits and underscores only.</summary>
    public static string AnnotationKey(string key) =>
        string.Create(key.Length, key, (chars, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                chars[i] = char.IsAsciiLetterOrDigit(source[i]) || source[i] == '_' ? source[i] : '_';
        });

    private static void WriteCause(Utf8JsonWriter json, IReadOnlyList<XRayException> exceptions)
    {
        json.WriteStartObject("cause");
        json.WriteString("working_directory", Environment.CurrentDirectory);
        json.WriteStartArray("exceptions");
        foreach (var exception in exceptions)
        {
            json.WriteStartObject();
            json.WriteString("id", exception.Id);
            json.WriteString("type", exception.Type);
            json.WriteString("message", Truncate(exception.Message, MaxAnnotationLength));
            if (exception.Remote)
                json.WriteBoolean("remote", true);
            if (exception.Stack.Count > 0)
            {
                json.WriteStartArray("stack");
                foreach (var frame in exception.Stack.Take(MaxStackFrames))
                {
                    json.WriteStartObject();
                    json.WriteString("label", Truncate(frame, MaxAnnotationLength));
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                if (exception.Stack.Count > MaxStackFrames)
                    json.WriteNumber("truncated", exception.Stack.Count - MaxStackFrames);
            }
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Each failed attempt of a retried call, so the retries show with their status and error code.</summary>
    private static void WriteAttempts(Utf8JsonWriter json, IReadOnlyList<XRayAttempt> attempts)
    {
        json.WriteStartObject("metadata");
        json.WriteStartObject("aws");
        json.WriteStartArray("failed_attempts");
        foreach (var attempt in attempts)
        {
            json.WriteStartObject();
            json.WriteNumber("at", EpochSeconds(attempt.At));
            foreach (var (key, value) in attempt.Fields)
                json.WriteString(key, value);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
            json.WriteString(name, value);
    }

    /// <summary>Epoch seconds with microseconds, as X-Ray's times are.</summary>
    public static double EpochSeconds(DateTimeOffset time) => Math.Round((time.UtcDateTime - DateTime.UnixEpoch).Ticks / (double)TimeSpan.TicksPerSecond, 6);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
