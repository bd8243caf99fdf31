using Todo.ReadModel;
using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using Todo.Operator.Cli;
using Todo.Operator.Verification;

namespace Todo.Operator.Verbs;

/// <summary>
/// <c>todoctl verify [--todo ID] [--sample N] [--repair] [--dry-run]</c>: the read table against the fold of
/// the events. Exits 1 when differences remain that it did not repair (parked todos included: their items are stale).
/// </summary>
public static class VerifyVerb
{
    public static Command Build(VerbAction action)
    {
        var todo = new Option<string?>("--todo") { Description = "Verify this todo only" };
        var sample = new Option<int?>("--sample") { Description = "Verify this many todos drawn at random" };
        var repair = new Option<bool>("--repair") { Description = "Rewrite missing, differing and extra items (conditional on version)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "With --repair: say what would be repaired, write nothing" };
        var command = new Command("verify", "Re-fold todos from the events and compare the read table with them") { todo, sample, repair, dryRun };
        command.SetAction(action.Run(async (parse, target, output, cancellationToken) =>
        {
            var verifier = new Verifier(target);
            var report = parse.GetValue(todo) is { } one
                ? await verifier.TodosAsync([VerbAction.TodoId(one)], cancellationToken)
                : parse.GetValue(sample) is { } count
                    ? (count > 0 ? await verifier.SampleAsync(count, cancellationToken) : throw new Target.OperatorException("--sample must be above 0."))
                    : await verifier.AllAsync(cancellationToken);
            var repaired = parse.GetValue(repair) && !parse.GetValue(dryRun)
                ? await verifier.RepairAsync(report.Differences, cancellationToken)
                : [];
            var left = report.Differences.Count - repaired.Count;
            Show(output, target.Name, report, repaired, parse.GetValue(repair) && parse.GetValue(dryRun));
            return left == 0 ? VerbAction.Ok : VerbAction.Unresolved;
        }, writes: parse => parse.GetValue(repair) && !parse.GetValue(dryRun)));
        return command;
    }

    private static void Show(Output output, string stack, VerifyReport report, IReadOnlyList<Difference> repaired, bool dryRun)
    {
        if (output.IsJson)
        {
            output.Json(new JsonObject
            {
                ["checked"] = report.Checked,
                ["missing"] = report.Count(DifferenceKind.Missing),
                ["extra"] = report.Count(DifferenceKind.Extra),
                ["differing"] = report.Count(DifferenceKind.Differing),
                ["parked"] = report.Count(DifferenceKind.Parked),
                ["unreadable"] = report.Count(DifferenceKind.Unreadable),
                ["repaired"] = repaired.Count,
                ["dryRun"] = dryRun,
                ["differences"] = new JsonArray([.. report.Differences.Select(d => (JsonNode)new JsonObject
                {
                    ["todoId"] = d.TodoId.ToString(),
                    ["kind"] = d.Kind.ToString().ToLowerInvariant(),
                    ["fields"] = new JsonArray([.. d.Fields.Select(f => (JsonNode)f)]),
                    ["detail"] = d.Detail,
                    ["repaired"] = repaired.Contains(d),
                })]),
            });
            return;
        }
        if (report.Differences.Count > 0)
        {
            var table = new Table().AddColumns("todo", "kind", dryRun ? "would repair" : "repaired", "detail");
            foreach (var d in report.Differences)
                table.AddRow(d.TodoId.ToString(), d.Kind.ToString().ToLowerInvariant(),
                    dryRun ? (d.Kind is DifferenceKind.Missing or DifferenceKind.Differing or DifferenceKind.Extra ? "yes" : "no") : repaired.Contains(d) ? "yes" : "no",
                    Markup.Escape(d.Detail ?? string.Join(", ", d.Fields)));
            output.Console.Write(table);
        }
        output.Line($"{Markup.Escape(stack)}: checked {report.Checked} todos: {report.Count(DifferenceKind.Missing)} missing, {report.Count(DifferenceKind.Extra)} extra, " +
            $"{report.Count(DifferenceKind.Differing)} differing, {report.Count(DifferenceKind.Parked)} parked, {report.Count(DifferenceKind.Unreadable)} unreadable; {repaired.Count} repaired");
    }
}
