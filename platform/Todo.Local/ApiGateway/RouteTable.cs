using Todo.Lambda;
using Todo.Local.Template;

namespace Todo.Local.ApiGateway;

/// <summary>The template's API routes: which function serves a method on a path, and with which path parameters.</summary>
public sealed class RouteTable(IEnumerable<(ApiRoute Route, string FunctionName, ILambdaFunction Function)> routes)
{
    // API Gateway matches a literal path segment before a parameter (/api/todos/changes before /api/todos/{id}),
    // whatever order the template lists the routes in: the most literal pattern is tried first.
    private readonly List<(ApiRoute Route, string[] Segments, string FunctionName, ILambdaFunction Function)> routes =
        routes.Select(r => (r.Route, Segments: Segments(r.Route.Path), r.FunctionName, r.Function))
            .OrderBy(r => r.Segments.Select(IsParameter).ToArray(), Comparer<bool[]>.Create(LiteralFirst)).ToList();

    public RouteMatch? Match(string method, string path)
    {
        var segments = Segments(path);
        foreach (var (route, pattern, name, function) in routes)
        {
            if (route.Method == method && Bind(pattern, segments) is { } parameters)
                return new RouteMatch(route.Path, name, function, parameters, route.Authorized);
        }
        return null;
    }

    /// <summary>Whether any method is routed on the path: what API Gateway answers a CORS preflight for.</summary>
    public bool HasResource(string path)
    {
        var segments = Segments(path);
        return routes.Any(r => Bind(r.Segments, segments) is not null);
    }

    private static Dictionary<string, string>? Bind(string[] pattern, string[] segments)
    {
        if (pattern.Length != segments.Length)
            return null;
        var parameters = new Dictionary<string, string>();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (IsParameter(pattern[i]))
                parameters[pattern[i][1..^1]] = Uri.UnescapeDataString(segments[i]);
            else if (pattern[i] != segments[i])
                return null;
        }
        return parameters;
    }

    private static bool IsParameter(string segment) => segment.StartsWith('{') && segment.EndsWith('}');

    /// <summary>Segment by segment, a literal before a parameter; the first that differs decides.</summary>
    private static int LiteralFirst(bool[] a, bool[] b) =>
        a.Zip(b).Select(p => p.First.CompareTo(p.Second)).FirstOrDefault(c => c != 0);

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);
}

/// <param name="Authorized">Whether the API's authorizer guards the route.</param>
public sealed record RouteMatch(string Resource, string FunctionName, ILambdaFunction Function, Dictionary<string, string> PathParameters, bool Authorized = false);
