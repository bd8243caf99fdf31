using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Spectre.Console;
using Todo.Store.Events;
using Todo.Store.ReadTable;
using Todo.Domain;
using Todo.Operator.Cli;
using Todo.Operator.Target;

namespace Todo.Operator.Verbs;

/// <summary>
/// <c>todoctl status</c>: the tables, how far the projection is behind the events (events not yet in the
/// read table, and how long ago the oldest of them was appended, from a keys-only Scan of both), the parked todos, and in AWS the depth of the queue the stream
/// mapping sends the batches it gave up on.
/// </summary>
public static class StatusVerb
{
    private const int Segments = 4;

    public static Command Build(VerbAction action)
    {
        var command = new Command("status", "Projection lag, the active read table, the parked todos and (in AWS) the failure queue");
        command.SetAction(action.Run(async (parse, target, output, cancellationToken) =>
        {
            var newest = new ConcurrentDictionary<Guid, long>();
            var applied = new ConcurrentDictionary<Guid, long>();
            var appendedAt = new ConcurrentDictionary<(Guid, long), string>();
            long events = 0;
            var active = await target.TodosTableAsync(cancellationToken);
            await Task.WhenAll(
                KeysAsync(target, target.EventsTable, EventTable.TodoId, EventTable.Version, (id, version, item) =>
                {
                    Interlocked.Increment(ref events);
                    newest.AddOrUpdate(id, version, (_, known) => Math.Max(known, version));
                    if (item.TryGetValue(EventTable.OccurredAt, out var at))
                        appendedAt[(id, version)] = at.S;
                }, cancellationToken, EventTable.OccurredAt),
                KeysAsync(target, active, TodoTable.TodoId, TodoTable.Version, (id, version, _) => applied[id] = version, cancellationToken));
            var behind = newest.Select(t => t.Value - applied.GetValueOrDefault(t.Key)).Where(d => d > 0).ToList();
            // The lag as time: how long ago the oldest event the read table has not applied was appended.
            var oldest = newest.Where(t => t.Value > applied.GetValueOrDefault(t.Key))
                .Select(t => appendedAt.TryGetValue((t.Key, applied.GetValueOrDefault(t.Key) + 1), out var at) ? Timestamp.Parse(at) : (DateTimeOffset?)null)
                .Min();
            var lag = oldest is { } since ? DateTimeOffset.UtcNow - since : TimeSpan.Zero;
            var parked = await target.Parked.AllAsync(cancellationToken);
            var parkedTodos = parked.Select(p => p.TodoId).Distinct().Count();
            var failures = target.FailureQueue is { } queue ? await queue.DepthAsync(cancellationToken) : null;

            if (output.IsJson)
            {
                output.Json(new JsonObject
                {
                    ["stack"] = target.Name,
                    ["eventsTable"] = target.EventsTable,
                    ["activeReadTable"] = active,
                    ["events"] = events,
                    ["todos"] = newest.Count,
                    ["readItems"] = applied.Count,
                    ["eventsBehind"] = behind.Sum(),
                    ["todosBehind"] = behind.Count,
                    ["oldestUnappliedAt"] = oldest is { } at ? Timestamp.ToText(at) : null,
                    ["lagSeconds"] = Math.Round(lag.TotalSeconds, 3),
                    ["parkedTodos"] = parkedTodos,
                    ["parkedEvents"] = parked.Count,
                    ["failureQueue"] = failures is null ? null : new JsonObject { ["url"] = target.FailureQueue!.Url, ["waiting"] = failures.Waiting, ["inFlight"] = failures.InFlight },
                });
                return VerbAction.Ok;
            }
            var grid = new Grid().AddColumn().AddColumn();
            void Row(string name, string value) => grid.AddRow(name, Markup.Escape(value));
            Row("stack", target.Name);
            Row("events table", $"{target.EventsTable}: {events.ToString(CultureInfo.InvariantCulture)} events of {newest.Count.ToString(CultureInfo.InvariantCulture)} todos");
            Row("active read table", $"{active}: {applied.Count.ToString(CultureInfo.InvariantCulture)} items");
            Row("projection", behind.Count == 0 ? "caught up" : string.Create(CultureInfo.InvariantCulture,
                $"{behind.Sum()} events behind, in {behind.Count} todos; the oldest appended {lag.TotalSeconds:F1} s ago"));
            Row("parked", $"{parkedTodos} todos ({parked.Count} events)");
            Row("failure queue", failures is null
                ? "none locally (the local host logs the batches it gives up on)"
                : $"{failures.Waiting} batches the stream mapping gave up on ({failures.InFlight} being read)");
            output.Console.Write(grid);
            return VerbAction.Ok;
        }));
        return command;
    }

    /// <summary>A keys-only segmented Scan (with <paramref name="also"/>): each item's todo id, version (0 for an item without one) and the item.</summary>
    private static Task KeysAsync(OperatorTarget target, string table, string idName, string versionName,
        Action<Guid, long, Dictionary<string, AttributeValue>> onItem, CancellationToken cancellationToken, params string[] also) =>
        EventItems.ScanAsync(target.DynamoDb, table, Segments, page =>
        {
            foreach (var item in page)
                onItem(Guid.Parse(item[idName].S), item.TryGetValue(versionName, out var v) ? long.Parse(v.N, CultureInfo.InvariantCulture) : 0, item);
        }, cancellationToken, projection: [idName, versionName, .. also]);
}
