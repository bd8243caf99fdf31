using System.Diagnostics;
using Amazon.DynamoDBv2;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Todo.Benchmarks.Api;
using Todo.Harness.Load;
using Todo.Local;

namespace Todo.Benchmarks.Engine;

/// <summary>
/// The local host as ./run.sh --in-memory --no-auth runs it (<c>dotnet Todo.Local.dll --in-memory --no-auth</c>, its rate limits lifted), in a
/// process of its own on a free port, so its memory can be read apart from the load driver's.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private readonly Process process;
    private readonly HttpClient http;

    private HostProcess(Process process, Uri baseUrl, Uri dynamoDbUrl, BenchTables tables)
    {
        this.process = process;
        BaseUrl = baseUrl;
        Tables = tables;
        DynamoDb = EngineClient.Create(dynamoDbUrl);
        http = new HttpClient { BaseAddress = baseUrl };
        Api = new TodoHttp(http);
    }

    /// <summary>A client of the host's engine, for the benchmark's own raw writes and checks.</summary>
    public IAmazonDynamoDB DynamoDb { get; }
    public BenchTables Tables { get; }
    public TodoHttp Api { get; }
    public Uri BaseUrl { get; }

    public double PeakRssMegabytes => ProcessMemory.PeakRssMegabytes(process.Id);

    public double RssMegabytes => ProcessMemory.RssMegabytes(process.Id);

    /// <summary>DynamoDB Local, the Java process the host starts and stops.</summary>
    public double EnginePeakRssMegabytes => ProcessMemory.Children(process.Id, "java").Sum(ProcessMemory.PeakRssMegabytes);

    public static async Task<HostProcess> StartAsync(string root)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "Todo.Local.dll"), "--in-memory", "--no-auth" },
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in RateLimits.LiftedArguments)
            start.ArgumentList.Add(argument);
        start.Environment["PORT"] = "0";
        var process = Process.Start(start) ?? throw new InvalidOperationException("The local host did not start.");
        var urls = new Dictionary<string, Uri>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new List<string>();
        // Read to the end, so the host never blocks on a full pipe.
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (output)
            {
                output.Add(e.Data);
                if (Address().Match(e.Data) is { Success: true } match)
                    urls[match.Groups["name"].Value] = new Uri(match.Groups["url"].Value);
                if (urls.Count == 2)
                    ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.Add(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(StartTimeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            lock (output)
                throw new InvalidOperationException($"The local host did not start within {StartTimeout.TotalSeconds} s:\n{string.Join('\n', output)}");
        }
        var template = Local.Template.TemplateLoader.Load(Path.Combine(root, "template.yaml"), new LocalOptions { Root = root }.StackName, new Dictionary<string, string>());
        return new HostProcess(process, urls["UI"], urls["DynamoDB"], BenchTables.From(template));
    }

    /// <summary>The lines of ./run.sh's banner that give the addresses: "  UI        http://127.0.0.1:3000/".</summary>
    [GeneratedRegex(@"^\s+(?<name>UI|DynamoDB)\s+(?<url>http://\S+)")]
    private static partial Regex Address();

    /// <summary>Stops it as Ctrl-C would, so it stops DynamoDB Local too.</summary>
    public async ValueTask DisposeAsync()
    {
        http.Dispose();
        DynamoDb.Dispose();
        if (!process.HasExited)
        {
            _ = Kill(process.Id, SigTerm);
            try
            {
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (TimeoutException)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
