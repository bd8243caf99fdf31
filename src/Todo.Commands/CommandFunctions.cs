using Todo.Lambda;

namespace Todo.Commands;

/// <summary>The command handlers by the names template.yaml gives them.</summary>
public static class CommandFunctions
{
    public static readonly FunctionCatalog Catalog = new(new Dictionary<string, Func<FunctionServices, ILambdaFunction>>
    {
        ["create-todo"] = services => new CreateTodoFunction(services),
        ["update-todo"] = services => new UpdateTodoFunction(services),
        ["delete-todo"] = services => new DeleteTodoFunction(services),
    });
}
