using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Todo.Local.Cognito;

/// <summary>
/// cognito-local, from the npm package of that name (tools/cognito-local), run by Node and bound to
/// 127.0.0.1. It keeps its pools and users in <c>.cognito/db</c> under its working folder
/// (<see cref="Folder"/>), so a data folder keeps users across restarts and a temporary one keeps nothing.
/// </summary>
public sealed partial class CognitoLocal : IAsyncDisposable
{
    private readonly Process process;
    private readonly string? temporaryFolder;

    private CognitoLocal(Process process, Uri serviceUrl, string folder, string? temporaryFolder)
    {
        this.process = process;
        this.temporaryFolder = temporaryFolder;
        ServiceUrl = serviceUrl;
        Folder = folder;
    }

    /// <summary>The Cognito API endpoint, <c>http://127.0.0.1:port/</c>, also the issuer's base of the tokens it signs.</summary>
    public Uri ServiceUrl { get; }

    /// <summary>Its working folder: the pools' users are in <c>.cognito/db/&lt;poolId&gt;.json</c> under it.</summary>
    public string Folder { get; }

    /// <param name="toolsFolder">tools/cognito-local, where npm installed the package.</param>
    /// <param name="dataFolder">Where pools and users persist; null keeps them for this run only.</param>
    public static async Task<CognitoLocal> StartAsync(string toolsFolder, string? dataFolder, CancellationToken cancellationToken)
    {
        var script = Path.Combine(toolsFolder, "node_modules", "cognito-local", "lib", "bin", "start.js");
        if (!File.Exists(script))
            throw new InvalidOperationException($"cognito-local is not installed: run `npm ci --prefix {toolsFolder}` (./run.sh and ./test.sh do).");
        var temporary = dataFolder is null ? Directory.CreateTempSubdirectory("todo-cognito-").FullName : null;
        var folder = dataFolder ?? temporary!;
        Directory.CreateDirectory(folder);
        // The issuer in its tokens is built from PORT, so the port is chosen here rather than left to it.
        var port = FreePort();
        var start = new ProcessStartInfo(FindNode())
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
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync(CancellationToken.None);
        var first = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60), cancellationToken));
        if (first != ready.Task)
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.Dispose();
            if (temporary is not null)
                Directory.Delete(temporary, recursive: true);
            cancellationToken.ThrowIfCancellationRequested();
            string said;
            lock (output)
                said = string.Join('\n', output.TakeLast(20));
            throw new InvalidOperationException($"cognito-local did not start{(first == exited ? "" : " within 60 seconds")}:\n{said}");
        }
        return new CognitoLocal(process, new Uri($"http://127.0.0.1:{port}/"), folder, temporary);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
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
