namespace Todo.Lambda.Observability;

/// <summary>The environment variables that configure a function's logs, metrics and traces.</summary>
public static class ObservabilityVariables
{
    /// <summary>The <c>service</c> of every log line and metric (Powertools' name for it); set by the template.</summary>
    public const string ServiceName = "POWERTOOLS_SERVICE_NAME";

    /// <summary>The CloudWatch namespace of the metrics; set by the template.</summary>
    public const string MetricsNamespace = "POWERTOOLS_METRICS_NAMESPACE";

    /// <summary>The level Powertools logs at when Lambda's own (<see cref="LambdaLogLevel"/>) is not set.</summary>
    public const string PowertoolsLogLevel = "POWERTOOLS_LOG_LEVEL";

    /// <summary>The fraction of invocations, 0 to 1, logged at debug.</summary>
    public const string LoggerSampleRate = "POWERTOOLS_LOGGER_SAMPLE_RATE";

    /// <summary>Set by Lambda from the template's <c>LoggingConfig.ApplicationLogLevel</c>: it wins, so Lambda's JSON log filter and the function agree.</summary>
    public const string LambdaLogLevel = "AWS_LAMBDA_LOG_LEVEL";

    /// <summary>Set by Lambda.</summary>
    public const string FunctionMemorySize = "AWS_LAMBDA_FUNCTION_MEMORY_SIZE";

    /// <summary>Set by Lambda when tracing is active: where the X-Ray daemon listens (UDP).</summary>
    public const string XRayDaemonAddress = "AWS_XRAY_DAEMON_ADDRESS";

    /// <summary>The variables a function may read that the template does not set: Lambda's own, and optional settings.</summary>
    public static readonly IReadOnlySet<string> NotFromTemplate = new HashSet<string>
    {
        PowertoolsLogLevel, LoggerSampleRate, LambdaLogLevel, FunctionMemorySize, XRayDaemonAddress,
        Tracing.OtlpExport.EndpointVariable, Tracing.OtlpExport.ProtocolVariable,
    };
}
