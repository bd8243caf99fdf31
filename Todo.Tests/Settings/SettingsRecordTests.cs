using Todo.Commands;
using Todo.Lambda.Settings;
using Todo.Projections;
using Todo.Queries;
using Todo.Tests.Deployment;

namespace Todo.Tests.Settings;

/// <summary>What each executable's settings hold: the template's values, and the defaults of what it leaves unset.</summary>
public sealed class SettingsRecordTests
{
    private static SettingsReader Template(string handler, params (string Name, string Value)[] changes)
    {
        var environment = new Dictionary<string, string>(DeployedTemplate.Loaded.Functions.Single(f => f.Handler == handler).Environment);
        foreach (var (name, value) in changes)
            environment[name] = value;
        return new SettingsReader(environment);
    }

    [Fact]
    public void Commands_keep_answers_an_hour_unless_told_otherwise()
    {
        var settings = CommandSettings.From(Template("create-todo"));
        var changed = CommandSettings.From(Template("create-todo", (CommandSettings.IdempotencyExpiryVariable, "60")));

        Assert.Equal(TimeSpan.FromHours(1), settings.IdempotencyExpiry);
        Assert.Equal(TimeSpan.FromSeconds(60), changed.IdempotencyExpiry);
        Assert.Equal("todo-test-events", settings.EventsTable);
        Assert.Equal("todo-test-idempotency", settings.IdempotencyTable);
        Assert.True(settings.Api.SignInRequired);
    }

    [Fact]
    public void Queries_read_the_read_model_the_template_names()
    {
        var settings = QuerySettings.From(Template("list-todos", ("AUTH_MODE", "none")));

        Assert.Equal("todo-test-read-pointer", settings.ReadModel.PointerTable);
        Assert.Equal(("todo-test-todos", "todo-test-todos-green"), (settings.ReadModel.Tables.First, settings.ReadModel.Tables.Second));
        Assert.False(settings.Api.SignInRequired);
    }

    [Fact]
    public void The_projector_takes_the_templates_concurrency_and_gap_timeout_and_defaults_without_them()
    {
        var settings = ProjectorSettings.From(Template("project-todos", ("PROJECTOR_CONCURRENCY", "4"), ("PARK_GAP_AFTER_SECONDS", "30")));
        var environment = new Dictionary<string, string>(DeployedTemplate.Loaded.Functions.Single(f => f.Handler == "project-todos").Environment);
        environment.Remove("PROJECTOR_CONCURRENCY");
        environment.Remove("PARK_GAP_AFTER_SECONDS");
        var defaults = ProjectorSettings.From(new SettingsReader(environment));

        Assert.Equal((4, TimeSpan.FromSeconds(30)), (settings.Concurrency, settings.GapTimeout));
        Assert.Equal((ProjectorFunction.DefaultConcurrency, Quarantine.DefaultGapTimeout), (defaults.Concurrency, defaults.GapTimeout));
        Assert.Equal("todo-test-parked", settings.ParkedTable);
    }
}
