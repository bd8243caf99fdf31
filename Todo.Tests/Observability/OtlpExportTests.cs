using System.Collections.Concurrent;
using Todo.Lambda.Observability.Logging;
using Todo.Lambda.Observability.Tracing;
using Todo.Stubs;
using static Todo.Tests.Observability.TelemetryProbe;

namespace Todo.Tests.Observability;

/// <summary>With OTEL_EXPORTER_OTLP_ENDPOINT set, the spans also go to an OTLP collector (OTLP/HTTP protobuf here).</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Spans_are_exported_over_OTLP_when_an_endpoint_is_set()
    {
        var received = new ConcurrentQueue<(string Path, string? ContentType, long Length)>();
        await using var collector = await LoopbackServer.StartAsync(async http =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            received.Enqueue((http.Request.Path.Value ?? "", http.Request.ContentType, body.Length));
        });
        var telemetry = Create(LogOutput.None, (OtlpExport.EndpointVariable, collector.Url.ToString()), (OtlpExport.ProtocolVariable, "http/protobuf"));

        await telemetry.InvokeAsync(Context(), async _ =>
        {
            using (Tracer.Source.StartActivity("child"))
                await Task.Delay(1);
            return 0;
        });

        // The invocation flushes the batch before it returns; on a loaded machine the collector's side may finish a moment later.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (received.IsEmpty && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Contains(received, r => r.Path == "/v1/traces" && r.ContentType == "application/x-protobuf" && r.Length > 0);
    }
}
