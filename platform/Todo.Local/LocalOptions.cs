namespace Todo.Local;

/// <summary>How to run the local app.</summary>
public sealed record LocalOptions
{
    /// <summary>The repository root: where template.yaml, tools/dynamodb-local and web/dist are.</summary>
    public required string Root { get; init; }

    /// <summary>0 picks a free port. The API allows the origin of the port it is bound to, whatever the template's AllowedOrigin says.</summary>
    public int Port { get; init; } = 3000;

    /// <summary>Where DynamoDB Local persists; null keeps everything in memory.</summary>
    public string? DataFolder { get; init; }

    /// <summary>How long the stream reader waits when a poll found nothing new.</summary>
    public TimeSpan StreamPollInterval { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Whether the template's stream mappings run. Off, the read table never catches up with the events, as when the
    /// projection falls far behind: what the read-your-writes tests run against.
    /// </summary>
    public bool RunsStreamMappings { get; init; } = true;

    public string StackName { get; init; } = "todo-local";

    /// <summary>The template's AuthMode: <c>cognito</c> (users sign in with cognito-local) or <c>none</c> (the open API); null for the template's default.</summary>
    public string? AuthMode { get; init; }

    /// <summary>Values for the template's parameters, as a deploy's parameter overrides give them; the rest take their defaults.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>Where to record the services' endpoints (<c>.local/endpoints.json</c>) while the host runs; null records nothing.</summary>
    public string? EndpointsFile { get; init; }

    /// <summary>Where each function's log lines are kept, <c>&lt;LogicalId&gt;.log</c>; null keeps none.</summary>
    public string? LogsFolder { get; init; }

    /// <summary>Whether the functions' log lines are also shown on the console.</summary>
    public bool LogsToConsole { get; init; }

    /// <summary>API Gateway's limits on a WebSocket connection, which tests shorten.</summary>
    public Live.LiveLimits LiveLimits { get; init; } = Live.LiveLimits.ApiGateway;

    public string TemplatePath => Path.Combine(Root, "template.yaml");
    public string ToolsFolder => Path.Combine(Root, "tools", "dynamodb-local");
    public string CognitoToolsFolder => Path.Combine(Root, "tools", "cognito-local");
    /// <summary>cognito-local's pools and users, beside DynamoDB Local's data; null in memory.</summary>
    public string? CognitoDataFolder => DataFolder is null ? null : Path.Combine(DataFolder, "cognito");
    public string WebFolder => Path.Combine(Root, "web", "dist");
    /// <summary>The API reference page (page/) and Swagger UI (npm swagger-ui-dist) served at /api/docs.</summary>
    public string ApiDocsFolder => Path.Combine(Root, "tools", "api-docs");
}
