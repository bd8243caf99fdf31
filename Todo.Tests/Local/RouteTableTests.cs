using Todo.Lambda;
using Todo.Lambda.Core;
using Todo.Local.ApiGateway;
using Todo.Local.Template;

namespace Todo.Tests.Local;

/// <summary>The local host's routing, as API Gateway's: a literal path segment is matched before a parameter, whatever the template's order.</summary>
public sealed class RouteTableTests
{
    private sealed class Named(string name) : ILambdaFunction
    {
        public override string ToString() => name;

        public Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, ILambdaContext context, CancellationToken cancellationToken) => Task.FromResult(Array.Empty<byte>());
    }

    private static RouteTable Table(params (string Method, string Path, string Name)[] routes) =>
        new(routes.Select(r => (new ApiRoute(r.Path, r.Method), r.Name, (ILambdaFunction)new Named(r.Name))));

    [Fact]
    public void A_literal_segment_is_matched_before_a_parameter_listed_first()
    {
        var table = Table(("GET", "/api/todos/{id}", "get-todo"), ("GET", "/api/todos/changes", "list-todo-changes"), ("GET", "/api/todos", "list-todos"));

        var changes = table.Match("GET", "/api/todos/changes");
        var item = table.Match("GET", "/api/todos/8ee59feb-70d9-46a2-9786-38fa2c18b2a2");

        Assert.Equal(("list-todo-changes", "/api/todos/changes"), (changes!.FunctionName, changes.Resource));
        Assert.Empty(changes.PathParameters);
        Assert.Equal(("get-todo", "8ee59feb-70d9-46a2-9786-38fa2c18b2a2"), (item!.FunctionName, item.PathParameters["id"]));
        Assert.Equal("list-todos", table.Match("GET", "/api/todos")!.FunctionName);
    }

    [Fact]
    public void The_first_segment_that_differs_decides_and_another_method_is_no_match()
    {
        var table = Table(("GET", "/api/{list}/changes", "by-list"), ("GET", "/api/todos/{id}", "get-todo"), ("PUT", "/api/todos/changes", "put-changes"));

        Assert.Equal("get-todo", table.Match("GET", "/api/todos/changes")!.FunctionName);
        Assert.Equal("by-list", table.Match("GET", "/api/other/changes")!.FunctionName);
        Assert.Equal("put-changes", table.Match("PUT", "/api/todos/changes")!.FunctionName);
        Assert.Null(table.Match("DELETE", "/api/todos/changes"));
    }

    [Fact]
    public void The_templates_routes_send_the_changes_path_to_the_feed()
    {
        var template = TemplateLoader.Load(Support.Repository.Template, "todo-local", new Dictionary<string, string>());
        var table = new RouteTable(template.Functions.SelectMany(f => f.Routes.Select(r => (r, f.Handler, (ILambdaFunction)new Named(f.Handler)))));

        Assert.Equal("list-todo-changes", table.Match("GET", "/api/todos/changes")!.FunctionName);
        Assert.Equal("get-todo", table.Match("GET", "/api/todos/changed")!.FunctionName);
    }
}
