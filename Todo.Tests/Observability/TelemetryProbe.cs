using Todo.Lambda.Core;
using Todo.Lambda.Observability;
using Todo.Lambda.Observability.Logging;
using Todo.Lambda.Settings;

namespace Todo.Tests.Observability;

/// <summary>A function's telemetry as Lambda would configure it, and invocations of a handler under it.</summary>
public static class TelemetryProbe
{
    public const string Root = "1-6b083cad-9a8b7c6d5e4f3a2b1c0d9e8f";
    public const string FunctionSegment = "5e1b4151ad3f5c3d";
    public const string Arn = "arn:aws:lambda:eu-west-1:123456789012:function:probe";
    public const string SampledHeader = $"Root={Root};Parent={FunctionSegment};Sampled=1;Lineage=1:3f9a2b1c:0";

    public static FunctionTelemetry Create(LogOutput output, params (string Name, string Value)[] environment) =>
        new("probe", ObservabilitySettings.From(new SettingsReader(environment.ToDictionary(e => e.Name, e => e.Value))), output);

    public static LambdaContext Context(string? traceHeader = SampledHeader) =>
        new(Guid.NewGuid().ToString(), Arn, DateTimeOffset.UtcNow.AddMinutes(1), traceHeader);
}
