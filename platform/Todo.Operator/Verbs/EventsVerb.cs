using System.CommandLine;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2.Model;
using Spectre.Console;
using Todo.Store.Events;
using Todo.Operator.Cli;
using Todo.Operator.Target;

namespace Todo.Operator.Verbs;

/// <summary><c>todoctl events --todo ID</c>: a todo's events as the events table holds them, readable or not.</summary>
public static class EventsVerb
{
    public static Command Build(VerbAction action)
    {
        var todo = new Option<string>("--todo") { Description = "The todo's id", Required = true };
        var command = new Command("events", "Show a todo's events: version, type, schema, time, command id and data") { todo };
        command.SetAction(action.Run(async (parse, target, output, cancellationToken) =>
        {
            var id = VerbAction.TodoId(parse.GetValue(todo));
            var items = await EventItems.OfTodoAsync(target.DynamoDb, target.EventsTable, id, cancellationToken);
            if (items.Count == 0)
                throw new OperatorException($"The todo {id} has no events.");
            if (output.IsJson)
            {
                output.Json(new JsonArray([.. items.Select(item => (JsonNode)new JsonObject
                {
                    ["version"] = Number(item, EventTable.Version),
                    ["type"] = Value(item, EventTable.Type),
                    ["schemaVersion"] = Number(item, EventTable.SchemaVersion),
                    ["occurredAt"] = Value(item, EventTable.OccurredAt),
                    ["commandId"] = Value(item, EventTable.CommandId),
                    ["data"] = Value(item, EventTable.Data),
                })]));
                return VerbAction.Ok;
            }
            var table = new Table().AddColumns("version", "type", "schema", "occurred at", "command id", "data");
            foreach (var item in items)
                table.AddRow([.. new[] { EventTable.Version, EventTable.Type, EventTable.SchemaVersion, EventTable.OccurredAt, EventTable.CommandId, EventTable.Data }
                    .Select(name => Markup.Escape(Value(item, name)))]);
            output.Console.Write(table);
            return VerbAction.Ok;
        }));
        return command;
    }

    private static JsonNode? Number(Dictionary<string, AttributeValue> item, string name) =>
        long.TryParse(Value(item, name), out var number) ? JsonValue.Create(number) : null;

    private static string Value(Dictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S ?? value.N ?? "?" : "";
}
