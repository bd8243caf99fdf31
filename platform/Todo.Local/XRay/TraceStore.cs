using System.Text;
using System.Text.Json.Nodes;
using Todo.Lambda.Observability.Tracing;

namespace Todo.Local.XRay;

/// <summary>
/// The recent traces the local X-Ray daemon received, as the X-Ray service keeps them: documents grouped by
/// trace id, subsegments sent on their own nested into their parents when read. Bounded: past
/// <see cref="MaxTraces"/> the oldest trace is dropped, and a trace keeps at most
/// <see cref="MaxDocumentsPerTrace"/> documents, so a long run's memory stays flat.
/// </summary>
public sealed class TraceStore(int maxTraces = TraceStore.MaxTraces)
{
    public const int MaxTraces = 1000;
    public const int MaxDocumentsPerTrace = 2000;

    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<StoredTrace>> traces = [];
    private readonly LinkedList<StoredTrace> byAge = [];

    /// <summary>A segment the local host records itself, as the services it plays would send it.</summary>
    public bool Add(XRaySegment segment) => Add(Encoding.UTF8.GetString(XRayDocument.Write(segment)));

    /// <summary>Keeps a segment or subsegment document; false for one without a trace id and id.</summary>
    public bool Add(string document)
    {
        JsonObject parsed;
        try
        {
            parsed = JsonNode.Parse(document) as JsonObject ?? throw new FormatException();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException)
        {
            return false;
        }
        if ((string?)parsed["trace_id"] is not { } traceId || (string?)parsed["id"] is null)
            return false;
        lock (gate)
        {
            if (!traces.TryGetValue(traceId, out var node))
            {
                node = traces[traceId] = byAge.AddLast(new StoredTrace(traceId));
                if (traces.Count > maxTraces)
                {
                    traces.Remove(byAge.First!.Value.Id);
                    byAge.RemoveFirst();
                }
            }
            if (node.Value.Documents.Count < MaxDocumentsPerTrace)
                node.Value.Documents.Add(parsed);
        }
        return true;
    }

    /// <summary>The traces with these ids that are kept, each its documents at the time of asking.</summary>
    public List<TraceView> Get(IEnumerable<string> ids)
    {
        lock (gate)
            return [.. ids.Distinct().Where(traces.ContainsKey).Select(id => View(traces[id].Value))];
    }

    /// <summary>Every kept trace, newest first.</summary>
    public List<TraceView> All()
    {
        lock (gate)
            return [.. byAge.Reverse().Select(View)];
    }

    private static TraceView View(StoredTrace trace) => new(trace.Id, [.. trace.Documents.Select(d => (JsonObject)d.DeepClone())]);

    private sealed record StoredTrace(string Id)
    {
        public List<JsonObject> Documents { get; } = [];
    }
}

/// <summary>A trace's documents as received (segments, and subsegments sent alone).</summary>
public sealed record TraceView(string Id, IReadOnlyList<JsonObject> Documents);
