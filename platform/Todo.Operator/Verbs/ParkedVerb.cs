using System.CommandLine;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Spectre.Console;
using Todo.Store.ReadTable;
using Todo.Domain;
using Todo.Operator.Cli;
using Todo.Operator.Target;

namespace Todo.Operator.Verbs;

/// <summary><c>todoctl parked list | redrive [ID] | discard ID</c>: the todos the projector quarantined.</summary>
public static class ParkedVerb
{
    public static Command Build(VerbAction action)
    {
        var command = new Command("parked", "The todos the projector parked, and what to do with them");

        var list = new Command("list", "Every parked event, by todo, in order");
        list.SetAction(action.Run(async (parse, target, output, cancellationToken) =>
        {
            var parked = await target.Parked.AllAsync(cancellationToken);
            if (output.IsJson)
            {
                output.Json(new JsonArray([.. parked.Select(p => (JsonNode)new JsonObject
                {
                    ["todoId"] = p.TodoId.ToString(),
                    ["version"] = p.Version,
                    ["parkedAt"] = Timestamp.ToText(p.ParkedAt),
                    ["reason"] = p.Reason,
                    ["sequenceNumber"] = p.SequenceNumber,
                })]));
                return VerbAction.Ok;
            }
            var table = new Table().AddColumns("todo", "version", "parked at", "reason");
            foreach (var p in parked)
                table.AddRow(p.TodoId.ToString(), p.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), Timestamp.ToText(p.ParkedAt), Markup.Escape(p.Reason));
            output.Console.Write(table);
            output.Line($"{parked.Select(p => p.TodoId).Distinct().Count()} parked todo(s), {parked.Count} parked event(s)");
            return VerbAction.Ok;
        }));

        var redriveId = new Argument<string?>("ID") { Description = "The todo to redrive; every parked todo when left out", Arity = ArgumentArity.ZeroOrOne };
        var redriveDryRun = new Option<bool>("--dry-run") { Description = "Fold each todo's events and say what would be written; write nothing" };
        var redrive = new Command("redrive", "Re-apply parked todos from the events table and un-park them; one that fails again stays parked") { redriveId, redriveDryRun };
        redrive.SetAction(action.Run(async (parse, target, output, cancellationToken) =>
        {
            var ids = parse.GetValue(redriveId) is { } one
                ? [VerbAction.TodoId(one)]
                : (await target.Parked.AllAsync(cancellationToken)).Select(p => p.TodoId).Distinct().ToList();
            var outcomes = new List<ReplayOutcome>();
            // One todo at a time, each whole: Ctrl-C stops between two.
            foreach (var id in ids)
            {
                cancellationToken.ThrowIfCancellationRequested();
                outcomes.Add(await Replays.RunAsync(target, id, parse.GetValue(redriveDryRun), CancellationToken.None));
            }
            Replays.Show(output, outcomes, parse.GetValue(redriveDryRun));
            return outcomes.All(o => o.Error is null && o.Result is { StillParked: false }) ? VerbAction.Ok : VerbAction.Unresolved;
        }, writes: parse => !parse.GetValue(redriveDryRun)));

        var discardId = new Argument<string>("ID") { Description = "The todo whose parked events to drop" };
        var discardDryRun = new Option<bool>("--dry-run") { Description = "Say what would be dropped; write nothing" };
        var discard = new Command("discard", "Drop a todo's parked events and its stale mark, leaving its read item as it is") { discardId, discardDryRun };
        discard.SetAction(action.Run(async (parse, target, output, cancellationToken) =>
        {
            var id = VerbAction.TodoId(parse.GetValue(discardId));
            var parked = await target.Parked.OfTodoAsync(id, cancellationToken);
            if (parked.Count == 0)
                throw new OperatorException($"The todo {id} has no parked events.");
            var dryRun = parse.GetValue(discardDryRun);
            if (!dryRun)
            {
                await target.Parked.RemoveAsync(id, long.MaxValue, CancellationToken.None);
                try
                {
                    var owner = (await target.Events.ReadSnapshotAsync(id, CancellationToken.None)).State.Owner;
                    await target.Writer.ClearParkedAsync(TodoTable.ListOf(owner), id, CancellationToken.None);
                }
                catch (ConditionalCheckFailedException)
                {
                    // Not marked (yet): nothing to clear.
                }
            }
            if (output.IsJson)
                output.Json(new JsonObject { ["todoId"] = id.ToString(), ["discarded"] = parked.Count, ["dryRun"] = dryRun });
            else
                output.Line($"{id}: {(dryRun ? "would drop" : "dropped")} {parked.Count} parked event(s) (versions {string.Join(", ", parked.Select(p => p.Version))}); the read item stays as it is");
            return VerbAction.Ok;
        }, writes: parse => !parse.GetValue(discardDryRun)));

        command.Subcommands.Add(list);
        command.Subcommands.Add(redrive);
        command.Subcommands.Add(discard);
        return command;
    }
}
