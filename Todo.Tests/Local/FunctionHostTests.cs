using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Todo.Commands;
using Todo.Local;
using Todo.Local.Template;
using Todo.Projections;
using Todo.Queries;
using Todo.Tests.Support;

namespace Todo.Tests.Local;

/// <summary>A template function's CodeUri picks the project and its Handler the code, as sam local does.</summary>
public sealed class FunctionHostTests : IDisposable
{
    // Never called: building a function only keeps the client.
    private readonly AmazonDynamoDBClient dynamoDb = new(
        new BasicAWSCredentials("x", "x"), new AmazonDynamoDBConfig { ServiceURL = "http://127.0.0.1:1" });

    public void Dispose() => dynamoDb.Dispose();

    private static readonly Dictionary<string, string> Environment = new()
    {
        ["EVENTS_TABLE"] = "events",
        ["TODOS_TABLE"] = "todos",
        ["IDEMPOTENCY_TABLE"] = "idempotency",
        ["PARKED_TABLE"] = "parked",
        ["TODOS_GREEN_TABLE"] = "todos-green",
        ["READ_POINTER_TABLE"] = "read-pointer",
        ["ALLOWED_ORIGIN"] = "http://127.0.0.1:3000",
        ["AUTH_MODE"] = "cognito",
    };

    private static FunctionDefinition Definition(string codeUri, string handler) =>
        new("Fn", codeUri, handler, Environment, [], []);

    [Theory]
    [InlineData("Todo.Commands/", "create-todo", typeof(CommandEndpoint))]
    [InlineData("Todo.Commands", "update-todo", typeof(CommandEndpoint))]
    [InlineData("Todo.Commands/", "delete-todo", typeof(CommandEndpoint))]
    [InlineData("Todo.Queries/", "list-todos", typeof(ListTodosFunction))]
    [InlineData("Todo.Queries/", "get-todo", typeof(GetTodoFunction))]
    [InlineData("Todo.Projections/", "project-todos", typeof(ProjectorFunction))]
    public void Each_handler_is_found_in_its_project(string codeUri, string handler, Type expected)
    {
        Assert.IsType(expected, FunctionHost.Create(Definition(codeUri, handler), dynamoDb));
    }

    [Fact]
    public void Every_function_of_the_template_can_be_built()
    {
        var template = TemplateLoader.Load(Repository.Template, "todo-local", new Dictionary<string, string>());

        Assert.All(template.Functions, f => Assert.NotNull(FunctionHost.Create(f, dynamoDb)));
    }

    [Fact]
    public void A_bad_setting_fails_the_functions_start_with_the_error_Lambda_would_report_of_it()
    {
        var environment = new Dictionary<string, string>(Environment) { ["AUTH_MODE"] = "maybe" };

        var error = Assert.Throws<InvalidOperationException>(() => FunctionHost.Create(new("Fn", "Todo.Queries/", "get-todo", environment, [], []), dynamoDb));

        Assert.Equal("Fn: The environment variable AUTH_MODE is 'maybe': expected one of cognito, none.", error.Message);
    }

    [Theory]
    [InlineData("Todo.Queries/", "create-todo")]
    [InlineData("Todo.Commands/", "get-todo")]
    [InlineData("Todo.Commands/", "Create-Todo")]
    [InlineData("Todo.Projections/", "")]
    public void An_unknown_handler_throws(string codeUri, string handler)
    {
        var error = Assert.Throws<TemplateException>(() => FunctionHost.Create(Definition(codeUri, handler), dynamoDb));

        Assert.StartsWith($"Fn: {Path.GetFileName(codeUri.TrimEnd('/'))} has no handler '{handler}'", error.Message);
    }

    [Theory]
    [InlineData("Todo.Domain/")]
    [InlineData("Todo.Local/")]
    [InlineData("platform/")]
    [InlineData("")]
    [InlineData("Todo.Commands/bin/")]
    public void An_unknown_code_uri_throws(string codeUri)
    {
        var error = Assert.Throws<TemplateException>(() => FunctionHost.Create(Definition(codeUri, "create-todo"), dynamoDb));

        Assert.StartsWith($"Fn: CodeUri {codeUri} is not one of the function projects", error.Message);
    }

    [Fact]
    public void A_function_missing_its_environment_fails_when_built()
    {
        var definition = new FunctionDefinition("Fn", "Todo.Commands/", "create-todo", new Dictionary<string, string>(), [], []);

        var error = Assert.Throws<InvalidOperationException>(() => FunctionHost.Create(definition, dynamoDb));
        Assert.Contains("is not set", error.Message);
    }
}
