using Todo.Local;
using Todo.Tests.Support;

namespace Todo.Tests.Local;

/// <summary>A variable whose template value names an AWS endpoint the host stands in for names the host's own.</summary>
public sealed class LocalVariablesTests
{
    [Fact]
    public void The_notifiers_management_URL_names_the_hosts_live_endpoint_and_other_values_stay()
    {
        var template = Todo.Local.Template.TemplateLoader.Load(Repository.Template, "todo-local", new Dictionary<string, string> { ["AuthMode"] = "none" });
        var notifier = template.Functions.Single(f => f.LogicalId == "NotifyChangesFunction");
        Assert.Equal("https://LiveApi.execute-api.us-east-1.amazonaws.com/prod", notifier.Environment["LIVE_CONNECTIONS_URL"]);

        var local = LocalVariables.Rewrite(notifier, template, new Uri("http://127.0.0.1:4321/"), users: null);

        Assert.Equal("http://127.0.0.1:4321/_live", local.Environment["LIVE_CONNECTIONS_URL"]);
        Assert.Equal(notifier.Environment.Keys.Order(), local.Environment.Keys.Order());
        Assert.All(notifier.Environment.Where(v => v.Key != "LIVE_CONNECTIONS_URL"), v => Assert.Equal(v.Value, local.Environment[v.Key]));
    }
}
