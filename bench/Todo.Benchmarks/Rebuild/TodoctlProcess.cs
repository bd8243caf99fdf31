using System.Diagnostics;
using System.Text.Json;
using Todo.Benchmarks.Engine;
using Todo.Local;
using Todo.LocalStack;

namespace Todo.Benchmarks.Rebuild;

/// <summary>
/// todoctl as an operator runs it: <c>./todoctl</c> from the repository (which builds it first when its sources
/// changed), a process of its own, here on a benchmark's local stack through an endpoints file written for it.
/// </summary>
public sealed class TodoctlProcess : IDisposable
{
    /// <summary>Done, but something is still wrong (differences, for a rebuild): the answer is still a figure, not a failure.</summary>
    private const int Unresolved = 1;

    private readonly string root;
    private readonly string folder = Directory.CreateTempSubdirectory("todo-bench-todoctl-").FullName;

    public TodoctlProcess(string root, FreshApp app)
    {
        this.root = root;
        var endpoints = new LocalEndpoints(app.DynamoDbUrl.ToString(), LocalAws.Region, app.Template.Tables.ToDictionary(t => t.LogicalId, t => t.Create.TableName));
        File.WriteAllText(Endpoints, endpoints.ToJson());
    }

    private string Endpoints => Path.Combine(folder, "endpoints.json");

    /// <summary>Runs a verb with <c>--json</c>: its answer, and how long the process ran from its start to its exit.</summary>
    public async Task<(JsonElement Answer, TimeSpan Elapsed)> RunAsync(params string[] verb)
    {
        var start = new ProcessStartInfo(Path.Combine(root, "todoctl"))
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in verb.Concat(["--json", "--endpoints", Endpoints]))
            start.ArgumentList.Add(arg);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("todoctl did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        clock.Stop();
        if (process.ExitCode is not (0 or Unresolved))
            throw new InvalidOperationException($"todoctl {string.Join(' ', verb)} exited with {process.ExitCode}: {await error}");
        using var answer = JsonDocument.Parse(await output);
        return (answer.RootElement.Clone(), clock.Elapsed);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
