using Todo.ReadModel;
using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Todo.Operator.Cli;
using Todo.Operator.Rebuild;
using Todo.Operator.Target;
using Todo.Operator.Verification;

namespace Todo.Operator.Verbs;

/// <summary>
/// <c>todoctl rebuild [--resume] [--segments N] [--rate N] [--dry-run]</c> and <c>todoctl rollback</c>: the
/// read model rebuilt from the events into the inactive table, verified, and switched to; and back.
/// </summary>
public static class RebuildVerb
{
    public static Command Build(VerbAction action)
    {
        var resume = new Option<bool>("--resume") { Description = "Go on with an interrupted rebuild from its checkpoints" };
        var segments = new Option<int>("--segments") { Description = "Scan segments read in parallel", DefaultValueFactory = _ => 4 };
        var rate = new Option<int?>("--rate") { Description = "At most this many items written per second" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say which table would be rebuilt; write nothing" };
        var command = new Command("rebuild", "Rebuild the read model from the events into the inactive table, verify it and switch to it") { resume, segments, rate, dryRun };
        command.SetAction(action.Run(async (parse, target, output, cancellationToken) =>
        {
            var state = await target.Pointer.ReadAsync(cancellationToken);
            var into = target.Pointer.Tables.Other(state.Active);
            if (parse.GetValue(dryRun))
            {
                if (output.IsJson)
                    output.Json(new JsonObject { ["active"] = state.Active, ["into"] = into, ["dryRun"] = true });
                else
                    output.Line($"Would rebuild {into} from {target.EventsTable} and switch to it from {state.Active} (dry run, nothing written)");
                return VerbAction.Ok;
            }
            var count = parse.GetValue(segments);
            if (count is < 1 or > 64)
                throw new OperatorException("--segments must be between 1 and 64.");
            var options = new RebuildOptions(count, parse.GetValue(rate) is { } r ? (r > 0 ? r : throw new OperatorException("--rate must be above 0.")) : null);
            var report = await WithProgressAsync(output, progress => new Rebuilder(target, target.Pointer, options, progress).RunAsync(parse.GetValue(resume), cancellationToken));
            var verify = await new Verifier(target).AllAsync(CancellationToken.None);
            var differences = verify.Differences.Count(d => d.Kind != DifferenceKind.Parked);
            if (output.IsJson)
                output.Json(new JsonObject
                {
                    ["from"] = report.From,
                    ["to"] = report.To,
                    ["events"] = report.Events,
                    ["todos"] = report.Todos,
                    ["caughtUp"] = report.CaughtUp,
                    ["copySeconds"] = Math.Round(report.Copied.TotalSeconds, 3),
                    ["seconds"] = Math.Round(report.Elapsed.TotalSeconds, 3),
                    ["eventsPerSecond"] = Math.Round(report.Events / report.Elapsed.TotalSeconds),
                    ["checked"] = verify.Checked,
                    ["differences"] = differences,
                });
            else
                output.Line($"Rebuilt {report.To} from {report.Events:N0} events ({report.Todos:N0} todos, {report.CaughtUp} caught up after) in {report.Elapsed.TotalSeconds:F1} s " +
                    $"(copied in {report.Copied.TotalSeconds:F1} s, then caught up and switched) " +
                    $"({report.Events / report.Elapsed.TotalSeconds:N0} events/s); now active. Verified {verify.Checked} todos: {differences} differences. " +
                    $"{report.From} is kept: todoctl rollback switches back.");
            return differences == 0 ? VerbAction.Ok : VerbAction.Unresolved;
        }, writes: parse => !parse.GetValue(dryRun)));
        return command;
    }

    public static Command BuildRollback(VerbAction action)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Say which table would become active; write nothing" };
        var command = new Command("rollback", "Switch the query side back to the read table the last rebuild replaced, caught up first") { dryRun };
        command.SetAction(action.Run(async (parse, target, output, cancellationToken) =>
        {
            var state = await target.Pointer.ReadAsync(cancellationToken);
            if (state.Previous is not { } previous)
                throw new OperatorException("No rebuild has switched tables yet: there is nothing to roll back to.");
            if (!parse.GetValue(dryRun))
            {
                // The old table missed what was appended since the switch: copied over before and after switching back.
                var caughtUp = await new Rebuilder(target, target.Pointer, new RebuildOptions(4, null), null)
                    .SwitchOverAsync(state.Active, previous, cancellationToken);
                if (output.IsJson)
                    output.Json(new JsonObject { ["active"] = previous, ["from"] = state.Active, ["caughtUp"] = caughtUp });
                else
                    output.Line($"{previous} is active again ({caughtUp} todos caught up from {state.Active}, which is kept)");
                return VerbAction.Ok;
            }
            if (output.IsJson)
                output.Json(new JsonObject { ["active"] = state.Active, ["wouldActivate"] = previous, ["dryRun"] = true });
            else
                output.Line($"Would switch from {state.Active} back to {previous} (dry run, nothing written)");
            return VerbAction.Ok;
        }, writes: parse => !parse.GetValue(dryRun)));
        return command;
    }

    private static async Task<RebuildReport> WithProgressAsync(Output output, Func<IProgress<RebuildProgress>?, Task<RebuildReport>> run)
    {
        if (!output.ShowsProgress)
            return await run(null);
        RebuildReport? report = null;
        await output.Console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("events", maxValue: 1);
                var started = DateTime.UtcNow;
                report = await run(new Progress<RebuildProgress>(p =>
                {
                    task.MaxValue = Math.Max(p.TotalEvents, p.EventsRead);
                    task.Value = p.EventsRead;
                    var rate = p.EventsRead / Math.Max(0.001, (DateTime.UtcNow - started).TotalSeconds);
                    task.Description = $"{p.EventsRead.ToString("N0", CultureInfo.InvariantCulture)} events, {p.TodosWritten.ToString("N0", CultureInfo.InvariantCulture)} todos, {rate.ToString("N0", CultureInfo.InvariantCulture)} events/s";
                }));
                task.Value = task.MaxValue;
            });
        return report!;
    }
}
