using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Todo.Lambda.Observability.Tracing;

/// <summary>
/// The same spans also exported over OTLP, with the OpenTelemetry SDK, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set (an ADOT or OpenTelemetry collector, or X-Ray's OTLP endpoint): sampled as their parent is, so the
/// trace header still decides, batched, and flushed at the end of each invocation, before its response.
/// One provider per process; without the variable the SDK is never started.
/// </summary>
public static class OtlpExport
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary><c>grpc</c> (the default) or <c>http/protobuf</c>.</summary>
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    private static readonly Lock Gate = new();
    private static TracerProvider? provider;

    /// <returns>The process's provider, started on first use; null when no endpoint is set.</returns>
    public static TracerProvider? For(ObservabilitySettings settings)
    {
        if (settings.OtlpEndpoint is not { } uri)
            return null;
        var protocol = settings.OtlpProtocol;
        var service = settings.Service;
        lock (Gate)
        {
            return provider ??= Sdk.CreateTracerProviderBuilder()
                .AddSource(Tracer.SourceName)
                .SetSampler(new ParentBasedSampler(new AlwaysOffSampler()))
                .ConfigureResource(resource => resource.AddService(service))
                .AddOtlpExporter(options =>
                {
                    options.Protocol = protocol;
                    // Over HTTP the exporter posts to the endpoint as given, so it names the traces path, as the variable's spec says.
                    options.Endpoint = protocol == OtlpExportProtocol.HttpProtobuf ? new Uri(uri, "v1/traces") : uri;
                })
                .Build();
        }
    }

    /// <summary>Sends what is batched, waiting at most as long as the invocation may still run.</summary>
    public static void Flush(TracerProvider? otlp, TimeSpan remaining) =>
        otlp?.ForceFlush((int)Math.Clamp(remaining.TotalMilliseconds, 0, int.MaxValue));
}
