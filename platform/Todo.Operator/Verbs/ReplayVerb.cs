using Todo.ReadModel;
using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Todo.Operator.Cli;
using Todo.Operator.Target;

namespace Todo.Operator.Verbs;

/// <summary><c>todoctl replay --todo ID [--dry-run]</c>: re-project one todo from its events (a parked one is redriven).</summary>
public static class ReplayVerb
{
    public static Command Build(VerbAction action)
    {
        var todo = new Option<string>("--todo") { Description = "The todo's id", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Fold the events and say what would be written; write nothing" };
        var command = new Command("replay", "Re-project one todo from its events in the events table") { todo, dryRun };
        command.SetAction(action.Run(async (parse, target, output, cancellationToken) =>
        {
            var id = VerbAction.TodoId(parse.GetValue(todo));
            var result = await Replays.RunAsync(target, id, parse.GetValue(dryRun), cancellationToken);
            Replays.Show(output, [result], parse.GetValue(dryRun));
            return result.Error is null && result.Result is { StillParked: false } ? VerbAction.Ok : VerbAction.Unresolved;
        }, writes: parse => !parse.GetValue(dryRun)));
        return command;
    }
}

/// <summary>A replay's outcome for one todo: what it did, or why it could not.</summary>
public sealed record ReplayOutcome(Guid TodoId, ReplayResult? Result, string? Error);

/// <summary>What <c>replay</c> and <c>parked redrive</c> share.</summary>
public static class Replays
{
    public static async Task<ReplayOutcome> RunAsync(OperatorTarget target, Guid id, bool dryRun, CancellationToken cancellationToken)
    {
        try
        {
            var result = await target.Replay.ReplayAsync(id, dryRun, cancellationToken);
            return result.Version == 0 ? new ReplayOutcome(id, null, "the todo has no events") : new ReplayOutcome(id, result, null);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            return new ReplayOutcome(id, null, e.Message);
        }
    }

    public static void Show(Output output, IReadOnlyList<ReplayOutcome> outcomes, bool dryRun)
    {
        if (output.IsJson)
        {
            output.Json(new JsonArray([.. outcomes.Select(o => (JsonNode)new JsonObject
            {
                ["todoId"] = o.TodoId.ToString(),
                ["ok"] = o.Error is null && o.Result is { StillParked: false },
                ["version"] = o.Result?.Version,
                ["written"] = o.Result?.Written,
                ["parkedRemoved"] = o.Result?.ParkedRemoved,
                ["stillParked"] = o.Result?.StillParked,
                ["dryRun"] = dryRun,
                ["error"] = o.Error,
            })]));
            return;
        }
        foreach (var o in outcomes)
            output.Line(o switch
            {
                { Error: { } error } => $"{o.TodoId}: [red]not replayed[/]: {Markup.Escape(error)} (left as it was)",
                { Result: { } r } when dryRun => $"{o.TodoId}: would write the item at version {r.Version} (dry run, nothing written)",
                { Result: { StillParked: true } r } => $"{o.TodoId}: written at version {r.Version}, but the projector parked a new event meanwhile: still parked",
                { Result: { } r } => $"{o.TodoId}: item {(r.Written ? "written" : "already newer")} at version {r.Version}; {r.ParkedRemoved} parked event(s) cleared",
                _ => $"{o.TodoId}: nothing to do",
            });
    }
}
