using Todo.Lambda;

namespace Todo.Queries;

/// <summary>The query handlers by the names template.yaml gives them.</summary>
public static class QueryFunctions
{
    public static readonly FunctionCatalog Catalog = new(new Dictionary<string, Func<FunctionServices, ILambdaFunction>>
    {
        ["list-todos"] = services => new ListTodosFunction(services),
        ["get-todo"] = services => new GetTodoFunction(services),
        ["list-todo-events"] = services => new ListTodoEventsFunction(services),
        ["get-openapi"] = services => new GetOpenApiFunction(services),
    });
}
