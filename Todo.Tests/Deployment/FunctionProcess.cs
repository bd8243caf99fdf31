using System.Diagnostics;
using System.Text;

namespace Todo.Tests.Deployment;

/// <summary>
/// A function project's executable run as Lambda would run it (the JIT build, <c>dotnet Todo.X.dll</c>),
/// with only the environment a test gives it: its DynamoDB endpoint always on loopback, never AWS.
/// </summary>
public sealed class FunctionProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private FunctionProcess(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>What the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get { lock (output) return output.ToString(); }
    }

    public static FunctionProcess Start(string project, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, project + ".dll") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var name in start.Environment.Keys.Where(n => n.StartsWith("AWS_", StringComparison.Ordinal) || n.StartsWith('_')).ToList())
            start.Environment.Remove(name);
        foreach (var (name, value) in environment)
        {
            if (value is null)
                start.Environment.Remove(name);
            else
                start.Environment[name] = value;
        }
        return new FunctionProcess(Process.Start(start)!);
    }

    /// <summary>
    /// The environment Lambda gives the template's function that <paramref name="handler"/> names: its own
    /// variables as the template sets them (but an origin of its own, to see it is read), and a DynamoDB endpoint on loopback where nothing listens.
    /// </summary>
    public static Dictionary<string, string?> LambdaEnvironment(string runtimeApi, string handler)
    {
        var function = DeployedTemplate.Loaded.Functions.Single(f => f.Handler == handler);
        var environment = function.Environment.ToDictionary(v => v.Key, string? (v) => v.Value);
        environment["AWS_LAMBDA_RUNTIME_API"] = runtimeApi;
        environment["_HANDLER"] = handler;
        environment["ALLOWED_ORIGIN"] = "https://todo.example";
        environment["AWS_REGION"] = "eu-west-1";
        environment["AWS_ACCESS_KEY_ID"] = "test";
        environment["AWS_SECRET_ACCESS_KEY"] = "test";
        environment["AWS_ENDPOINT_URL_DYNAMODB"] = "http://127.0.0.1:9";
        environment["AWS_MAX_ATTEMPTS"] = "1";
        return environment;
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (output)
            output.AppendLine(line);
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit();
        }
        process.Dispose();
    }
}
