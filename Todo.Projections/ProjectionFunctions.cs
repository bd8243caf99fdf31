using Todo.ReadModel;
using Todo.Lambda;

namespace Todo.Projections;

/// <summary>The stream handler by the name template.yaml gives it.</summary>
public static class ProjectionFunctions
{
    public static readonly FunctionCatalog Catalog = new(new Dictionary<string, Func<FunctionServices, ILambdaFunction>>
    {
        ["project-todos"] = services => new ProjectorFunction(services),
    });
}
