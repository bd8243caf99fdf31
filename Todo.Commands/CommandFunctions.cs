using Todo.Lambda;

namespace Todo.Commands;

/// <summary>The command handlers by the names template.yaml gives them.</summary>
public static class CommandFunctions
{
    public static readonly FunctionCatalog Catalog = new(new Dictionary<string, Func<FunctionServices, ILambdaFunction>>
    {
        [CreateTodoFunction.Name] = services => new CreateTodoFunction(services),
        [UpdateTodoFunction.Name] = services => new UpdateTodoFunction(services),
        [DeleteTodoFunction.Name] = services => new DeleteTodoFunction(services),
    });
}
