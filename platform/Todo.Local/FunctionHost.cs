using Amazon.DynamoDBv2;
using Todo.Commands;
using Todo.Lambda;
using Todo.Lambda.Observability;
using Todo.Lambda.Observability.Logging;
using Todo.Local.Template;
using Todo.Projections;
using Todo.Queries;

namespace Todo.Local;

/// <summary>
/// Finds the code a template function names, as <c>sam local</c> does: its CodeUri picks the project
/// and its Handler the handler in that project's catalog, built with the function's own environment.
/// </summary>
public static class FunctionHost
{
    private static readonly Dictionary<string, FunctionCatalog> Projects = new()
    {
        ["Todo.Commands"] = CommandFunctions.Catalog,
        ["Todo.Queries"] = QueryFunctions.Catalog,
        ["Todo.Projections"] = ProjectionFunctions.Catalog,
    };

    /// <param name="clock">What the function takes as now; the system clock unless a test gives another.</param>
    /// <param name="logs">Where its log lines go; nowhere unless given.</param>
    /// <param name="daemonAddress">The X-Ray daemon's address; without one the function sends no traces.</param>
    public static ILambdaFunction Create(FunctionDefinition function, IAmazonDynamoDB dynamoDb, TimeProvider? clock = null,
        LogOutput? logs = null, string? daemonAddress = null)
    {
        var project = Path.GetFileName(function.CodeUri.TrimEnd('/'));
        if (!Projects.TryGetValue(project, out var catalog))
            throw new TemplateException($"{function.LogicalId}: CodeUri {function.CodeUri} is not one of the function projects ({string.Join(", ", Projects.Keys)}).");
        if (!catalog.Contains(function.Handler))
            throw new TemplateException($"{function.LogicalId}: {project} has no handler '{function.Handler}' (it has {string.Join(", ", catalog.Handlers)}).");
        try
        {
            return catalog.Create(function.Handler, new FunctionServices(LambdaVariables(function, daemonAddress), dynamoDb)
            {
                Clock = clock ?? TimeProvider.System,
                LogOutput = logs ?? LogOutput.None,
            });
        }
        catch (InvalidOperationException e)
        {
            // The error Lambda would report at init, said of the function, as the host starts several.
            throw new InvalidOperationException($"{function.LogicalId}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The function's environment with the variables Lambda itself sets on top (its name, memory, the log
    /// level and format of its LoggingConfig, the daemon address, its credentials), as a function in AWS sees them.
    /// </summary>
    private static LambdaEnvironment LambdaVariables(FunctionDefinition function, string? daemonAddress)
    {
        var lambda = new Dictionary<string, string>
        {
            ["AWS_REGION"] = LocalAws.Region,
            ["AWS_LAMBDA_FUNCTION_NAME"] = function.LogicalId,
            [ObservabilityVariables.FunctionMemorySize] = function.MemorySize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["AWS_LAMBDA_LOG_FORMAT"] = "JSON",
            // The role's credentials, which the SDK's default chain finds here: the local ones, which the host's emulated
            // services (the WebSocket management API) check signatures with.
            ["AWS_ACCESS_KEY_ID"] = LocalAws.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = LocalAws.SecretKey,
            ["AWS_SESSION_TOKEN"] = LocalAws.SessionToken,
        };
        if (function.ApplicationLogLevel is { } level)
            lambda[ObservabilityVariables.LambdaLogLevel] = level;
        if (daemonAddress is not null)
            lambda[ObservabilityVariables.XRayDaemonAddress] = daemonAddress;
        return new LambdaEnvironment(function.Environment, lambda);
    }
}
