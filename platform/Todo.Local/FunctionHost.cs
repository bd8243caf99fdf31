using Amazon.DynamoDBv2;
using Todo.Commands;
using Todo.Lambda;
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
    public static ILambdaFunction Create(FunctionDefinition function, IAmazonDynamoDB dynamoDb, TimeProvider? clock = null)
    {
        var project = Path.GetFileName(function.CodeUri.TrimEnd('/'));
        if (!Projects.TryGetValue(project, out var catalog))
            throw new TemplateException($"{function.LogicalId}: CodeUri {function.CodeUri} is not one of the function projects ({string.Join(", ", Projects.Keys)}).");
        if (!catalog.Contains(function.Handler))
            throw new TemplateException($"{function.LogicalId}: {project} has no handler '{function.Handler}' (it has {string.Join(", ", catalog.Handlers)}).");
        return catalog.Create(function.Handler, new FunctionServices(function.Environment, dynamoDb) { Clock = clock ?? TimeProvider.System });
    }
}
