using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Todo.Operator.Cli;

/// <summary>Where a verb answers: JSON for scripts (<c>--json</c>), else tables and progress on the console.</summary>
public sealed class Output(TextWriter writer, bool json, bool interactive)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public bool IsJson => json;

    /// <summary>Whether progress bars are drawn: only on a terminal, and never into JSON.</summary>
    public bool ShowsProgress => interactive && !json;

    public IAnsiConsole Console { get; } = Create(writer, interactive);

    public void Json(JsonNode node) => writer.WriteLine(node.ToJsonString(Indented));

    public void Line(string markup) => Console.MarkupLine(markup);

    private static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            Interactive = interactive ? InteractionSupport.Detect : InteractionSupport.No,
        });
        // Not a terminal: wide enough that a todo id and its reason stay on one line.
        if (!interactive)
            console.Profile.Width = 240;
        return console;
    }
}
