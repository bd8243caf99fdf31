using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Todo.Local.Cognito;

/// <summary>
/// cognito-local, from the npm package of that name (tools/cognito-local), run by Node and bound to
/// 127.0.0.1. It keeps its pools and users in <c>.cognito/db</c> under its working folder
/// (<see cref="Folder"/>), so a data folder keeps users across restarts and a temporary one keeps nothing.
/// Supervised (<see cref="SupervisedProcess"/>): one that dies is started again on the same port, so the
/// issuer of the tokens it signed stays the same, and on the same folder, so its pools and users stay; its
/// signing key ships in its package, so tokens signed before still verify.
/// </summary>
public sealed partial class CognitoLocal : IAsyncDisposable
{
    private readonly SupervisedProcess engine;
    private readonly string? temporaryFolder;

    private CognitoLocal(SupervisedProcess engine, Uri serviceUrl, string folder, string? temporaryFolder)
    {
        this.engine = engine;
        this.temporaryFolder = temporaryFolder;
        ServiceUrl = serviceUrl;
        Folder = folder;
    }

    /// <summary>The Cognito API endpoint, <c>http://127.0.0.1:port/</c>, also the issuer's base of the tokens it signs.</summary>
    public Uri ServiceUrl { get; }

    /// <summary>Its working folder: the pools' users are in <c>.cognito/db/&lt;poolId&gt;.json</c> under it.</summary>
    public string Folder { get; }

    /// <summary>How many times it has been started again after it died.</summary>
    public int Restarts => engine.Restarts;

    /// <summary>Its process id, which changes when it is started again.</summary>
    public int ProcessId => engine.ProcessId;

    /// <param name="toolsFolder">tools/cognito-local, where npm installed the package.</param>
    /// <param name="dataFolder">Where pools and users persist; null keeps them for this run only.</param>
    public static async Task<CognitoLocal> StartAsync(string toolsFolder, string? dataFolder, ILogger logger, CancellationToken cancellationToken)
    {
        var script = Path.Combine(toolsFolder, "node_modules", "cognito-local", "lib", "bin", "start.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"cognito-local is not installed: run `npm ci --prefix {toolsFolder}` (./run.sh and ./test.sh do).");
        var node = FindNode();
        var temporary = dataFolder is null ? Directory.CreateTempSubdirectory("todo-cognito-").FullName : null;
        var folder = dataFolder ?? temporary!;
        Directory.CreateDirectory(folder);
        // The issuer in its tokens is built from PORT, so the port is chosen here rather than left to it.
        var port = FreePort();

        async Task<Process> LaunchAsync(CancellationToken cancellation)
        {
            var start = new ProcessStartInfo(node)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = folder,
                ArgumentList = { script },
            };
            start.Environment["HOST"] = "127.0.0.1";
            start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            start.Environment["NODE_NO_WARNINGS"] = "1";

            var process = Process.Start(start) ?? throw new InvalidOperationException("Node did not start cognito-local.");
            var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var output = new List<string>();
            void Read(string? line)
            {
                if (line is null)
                    return;
                var text = AnsiEscape().Replace(line, "");
                lock (output)
                {
                    if (output.Count < 200)
                        output.Add(text);
                }
                if (text.Contains("Cognito Local running on", StringComparison.Ordinal))
                    ready.TrySetResult();
            }
            // Read to the end, so the process never blocks on a full pipe.
            process.OutputDataReceived += (_, e) => Read(e.Data);
            process.ErrorDataReceived += (_, e) => Read(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var exited = process.WaitForExitAsync(CancellationToken.None);
            var first = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60), cancellation));
            if (first == ready.Task)
                return process;
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.Dispose();
            cancellation.ThrowIfCancellationRequested();
            string said;
            lock (output)
                said = string.Join('\n', output.TakeLast(20));
            throw new InvalidOperationException($"cognito-local did not start{(first == exited ? "" : " within 60 seconds")}:\n{said}");
        }

        try
        {
            var first = await LaunchAsync(cancellationToken);
            var serviceUrl = new Uri($"http://127.0.0.1:{port}/");
            return new CognitoLocal(new SupervisedProcess("cognito-local", serviceUrl, first, LaunchAsync, logger), serviceUrl, folder, temporary);
        }
        catch
        {
            if (temporary is not null)
                Directory.Delete(temporary, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await engine.DisposeAsync();
        if (temporaryFolder is not null)
            Directory.Delete(temporaryFolder, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindNode() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "node")).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Node.js is needed to run cognito-local, and no `node` was found (install npm, e.g. `apt-get install npm`).");

    [GeneratedRegex(@"\x1B\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}
