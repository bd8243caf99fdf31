using System.Globalization;
using OpenTelemetry.Exporter;
using Todo.Lambda.Observability.Logging;
using Todo.Lambda.Observability.Tracing;
using Todo.Lambda.Settings;

namespace Todo.Lambda.Observability;

/// <summary>
/// How a function logs, counts and traces, read from its environment as Powertools and the OpenTelemetry SDK
/// read theirs. What the template or an operator sets is checked as every setting is; what Lambda itself sets
/// (its log level, memory size and daemon address) is taken as given: a level this code does not know is passed
/// over, an address it cannot read sends no traces, since nobody could correct those.
/// </summary>
public sealed record ObservabilitySettings(
    string Service, string MetricsNamespace, LogLevel Level, double SampleRate, int? MemorySize, string? DaemonAddress,
    Uri? OtlpEndpoint, OtlpExportProtocol OtlpProtocol)
{
    /// <summary>No environment at all: for a function a test builds by hand.</summary>
    public static ObservabilitySettings None { get; } = From(new SettingsReader(new Dictionary<string, string>()));

    public static ObservabilitySettings From(SettingsReader settings)
    {
        var service = settings.Optional(ObservabilityVariables.ServiceName) ?? FunctionTelemetry.DefaultService;
        // Checked even when Lambda's level wins, as it always does in AWS: a wrong setting is never silent.
        var powertoolsLevel = settings.Optional<LogLevel?>(
            ObservabilityVariables.PowertoolsLogLevel, null, TryParseLevel, "a log level: TRACE, DEBUG, INFO, WARN, ERROR or FATAL");
        return new(
            service,
            settings.Optional(ObservabilityVariables.MetricsNamespace) ?? service,
            LogLevels.Parse(settings.Optional(ObservabilityVariables.LambdaLogLevel)) ?? powertoolsLevel ?? LogLevel.Info,
            settings.Optional(ObservabilityVariables.LoggerSampleRate, 0d, TryParseRate, "a fraction from 0 to 1, such as 0.1"),
            int.TryParse(settings.Optional(ObservabilityVariables.FunctionMemorySize), NumberStyles.None, CultureInfo.InvariantCulture, out var memory) ? memory : null,
            settings.Optional(ObservabilityVariables.XRayDaemonAddress),
            settings.Optional<Uri?>(OtlpExport.EndpointVariable, null, TryParseEndpoint, "an absolute URL, such as http://127.0.0.1:4317"),
            settings.Optional(OtlpExport.ProtocolVariable, OtlpExportProtocol.Grpc, TryParseProtocol, "grpc or http/protobuf"));
    }

    private static bool TryParseLevel(string text, out LogLevel? level) => (level = LogLevels.Parse(text)) is not null;

    private static bool TryParseRate(string text, out double rate) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out rate) && rate is >= 0 and <= 1;

    private static bool TryParseEndpoint(string text, out Uri? endpoint) =>
        Uri.TryCreate(text, UriKind.Absolute, out endpoint) && endpoint.Scheme is "http" or "https";

    private static bool TryParseProtocol(string text, out OtlpExportProtocol protocol)
    {
        protocol = text == "http/protobuf" ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        return text is "grpc" or "http/protobuf";
    }
}
