using System.Text.Json;
using Todo.LocalStack;
using Todo.Local;
using Todo.Operator.Cli;

namespace Todo.Tests.Support;

/// <summary>
/// <c>todoctl</c> run in-process against a test's local app, found as ./todoctl finds the local stack: through
/// an endpoints file, here one written for this app into a folder of its own.
/// </summary>
public sealed class Todoctl : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("todoctl-").FullName;

    /// <param name="dynamoDb">Where todoctl sends its DynamoDB calls instead of the app's engine (a recording proxy of it).</param>
    public Todoctl(LocalApp app, Uri? dynamoDb = null)
    {
        var endpoints = dynamoDb is null ? app.Endpoints : app.Endpoints with { DynamoDbUrl = dynamoDb.ToString() };
        endpoints.WriteTo(Path.Combine(folder, LocalEndpoints.RelativePath));
    }

    public Task<(int Exit, string Output, string Error)> RunAsync(params string[] args) => RunAsync(CancellationToken.None, args);

    /// <summary>Cancelling <paramref name="interrupt"/> is what Ctrl-C does to the real process.</summary>
    public async Task<(int Exit, string Output, string Error)> RunAsync(CancellationToken interrupt, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await OperatorCli.RunAsync(args, folder, output, error, interactive: false, input: null, interrupt);
        return (exit, output.ToString(), error.ToString());
    }

    /// <summary>Runs a verb with --json and reads its answer.</summary>
    public async Task<(int Exit, JsonElement Answer)> JsonAsync(params string[] args)
    {
        var (exit, output, error) = await RunAsync([.. args, "--json"]);
        Assert.True(output.Length > 0, $"todoctl {string.Join(' ', args)} wrote nothing; stderr: {error}");
        return (exit, JsonDocument.Parse(output).RootElement.Clone());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
