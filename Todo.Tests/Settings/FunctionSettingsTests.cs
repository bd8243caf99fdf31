using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Todo.Commands;
using Todo.Lambda;
using Todo.Lambda.Observability.Logging;
using Todo.Projections;
using Todo.Queries;
using Todo.Tests.Deployment;

namespace Todo.Tests.Settings;

/// <summary>
/// Every variable a function reads, built through its executable's catalog: a bad value stops the function as
/// it is built, with a message naming the variable and what it expects, while the template's own values start
/// every function.
/// </summary>
public sealed class FunctionSettingsTests : IDisposable
{
    private const string Origin = "the browser origin allowed to call the API, such as https://todo.example.com, or *";
    private const string Seconds = "a whole number of seconds above 0";

    // Never called: building a function only keeps the client.
    private readonly AmazonDynamoDBClient dynamoDb = new(new BasicAWSCredentials("x", "x"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:9" });

    public void Dispose() => dynamoDb.Dispose();

    private static readonly FunctionCatalog[] Catalogs = [CommandFunctions.Catalog, QueryFunctions.Catalog, ProjectionFunctions.Catalog];

    /// <summary>The template's function for <paramref name="handler"/>, its environment changed, built by its catalog.</summary>
    private ILambdaFunction Build(string handler, params (string Variable, string? Value)[] changes)
    {
        var environment = new Dictionary<string, string>(DeployedTemplate.Loaded.Functions.Single(f => f.Handler == handler).Environment);
        foreach (var (variable, value) in changes)
        {
            if (value is null)
                environment.Remove(variable);
            else
                environment[variable] = value;
        }
        return Catalogs.Single(c => c.Contains(handler)).Create(handler, new FunctionServices(environment, dynamoDb) { LogOutput = LogOutput.None });
    }

    /// <summary>Handler, variable, its value (null: not set), and what the error says the variable should be.</summary>
    public static TheoryData<string, string, string?, string> BadValues => new()
    {
        { "create-todo", "ALLOWED_ORIGIN", null, Origin },
        { "create-todo", "ALLOWED_ORIGIN", "todo.example.com", Origin },
        { "list-todos", "ALLOWED_ORIGIN", "https://todo.example.com/app", Origin },
        { "update-todo", "AUTH_MODE", null, "one of cognito, none" },
        { "delete-todo", "AUTH_MODE", "Cognito", "one of cognito, none" },
        { "get-openapi", "AUTH_MODE", "open", "one of cognito, none" },
        { "create-todo", "EVENTS_TABLE", null, "the name of the events table" },
        { "get-todo", "EVENTS_TABLE", " ", "the name of the events table" },
        { "delete-todo", "IDEMPOTENCY_TABLE", "", "the name of the idempotency table" },
        { "create-todo", "IDEMPOTENCY_TTL_SECONDS", "soon", Seconds },
        { "update-todo", "IDEMPOTENCY_TTL_SECONDS", "0", Seconds },
        { "delete-todo", "IDEMPOTENCY_TTL_SECONDS", "-60", Seconds },
        { "create-todo", "IDEMPOTENCY_TTL_SECONDS", "1.5", Seconds },
        { "list-todos", "TODOS_TABLE", null, "the name of the first read table" },
        { "project-todos", "TODOS_TABLE", null, "the name of the first read table" },
        { "get-todo", "TODOS_GREEN_TABLE", null, "the name of the second read table" },
        { "project-todos", "TODOS_GREEN_TABLE", "", "the name of the second read table" },
        { "list-todos", "READ_POINTER_TABLE", null, "the name of the read pointer table" },
        { "project-todos", "READ_POINTER_TABLE", null, "the name of the read pointer table" },
        { "project-todos", "PARKED_TABLE", null, "the name of the parked table" },
        { "project-todos", "PROJECTOR_CONCURRENCY", "0", "a whole number above 0" },
        { "project-todos", "PROJECTOR_CONCURRENCY", "eight", "a whole number above 0" },
        { "project-todos", "PARK_GAP_AFTER_SECONDS", "5m", Seconds },
        { "project-todos", "PARK_GAP_AFTER_SECONDS", "0", Seconds },
        { "create-todo", "POWERTOOLS_LOG_LEVEL", "LOUD", "a log level: TRACE, DEBUG, INFO, WARN, ERROR or FATAL" },
        { "get-todo", "POWERTOOLS_LOGGER_SAMPLE_RATE", "1.5", "a fraction from 0 to 1, such as 0.1" },
        { "project-todos", "POWERTOOLS_LOGGER_SAMPLE_RATE", "half", "a fraction from 0 to 1, such as 0.1" },
        { "update-todo", "OTEL_EXPORTER_OTLP_ENDPOINT", "localhost:4317", "an absolute URL, such as http://127.0.0.1:4317" },
        { "list-todo-events", "OTEL_EXPORTER_OTLP_ENDPOINT", "not a url", "an absolute URL, such as http://127.0.0.1:4317" },
        { "list-todo-events", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/json", "grpc or http/protobuf" },
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void A_bad_value_stops_the_function_as_it_is_built_and_the_error_names_the_variable(string handler, string variable, string? value, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(handler, (variable, value)));

        Assert.Equal(
            string.IsNullOrWhiteSpace(value)
                ? $"The environment variable {variable} is not set: expected {expected}."
                : $"The environment variable {variable} is '{value}': expected {expected}.",
            error.Message);
    }

    [Fact]
    public void The_templates_values_start_every_function()
    {
        Assert.All(DeployedTemplate.Loaded.Functions, f => Assert.NotNull(Build(f.Handler)));
    }

    [Fact]
    public void A_bad_Powertools_log_level_stops_the_function_even_where_Lambdas_level_wins()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build("get-todo", ("AWS_LAMBDA_LOG_LEVEL", "WARN"), ("POWERTOOLS_LOG_LEVEL", "LOUD")));

        Assert.StartsWith("The environment variable POWERTOOLS_LOG_LEVEL is 'LOUD'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("create-todo", "IDEMPOTENCY_TTL_SECONDS", "60")]
    [InlineData("project-todos", "PROJECTOR_CONCURRENCY", "1")]
    [InlineData("project-todos", "PARK_GAP_AFTER_SECONDS", "86400")]
    [InlineData("get-todo", "AUTH_MODE", "none")]
    [InlineData("list-todos", "ALLOWED_ORIGIN", "*")]
    [InlineData("list-todos", "ALLOWED_ORIGIN", "https://todo.example.com/")]
    [InlineData("get-todo", "POWERTOOLS_LOG_LEVEL", "debug")]
    [InlineData("get-todo", "POWERTOOLS_LOGGER_SAMPLE_RATE", "0.25")]
    [InlineData("get-todo", "OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")]
    // What Lambda itself sets is taken as given: nobody could correct it.
    [InlineData("update-todo", "AWS_LAMBDA_LOG_LEVEL", "LOUD")]
    [InlineData("update-todo", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "lots")]
    [InlineData("project-todos", "AWS_XRAY_DAEMON_ADDRESS", "nowhere")]
    public void A_good_value_starts_the_function(string handler, string variable, string value)
    {
        Assert.NotNull(Build(handler, (variable, value)));
    }
}
