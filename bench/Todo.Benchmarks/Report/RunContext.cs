using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Todo.Benchmarks.Report;

/// <summary>Where and when the figures were measured: they only compare with figures from the same machine.</summary>
public sealed record RunContext(
    DateTimeOffset Date, string Commit, bool Uncommitted, int Cores, string Cpu, double MemoryGigabytes, string Os, string Dotnet, string Java,
    string LoadAtStart, string LoadAtEnd)
{
    /// <summary>The 1, 5 and 15 minute load averages, as /proc/loadavg gives them.</summary>
    public static string LoadAverage() => string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ')[..3]);

    /// <param name="loadAtStart">The <see cref="LoadAverage"/> when the run started.</param>
    public static RunContext Read(string root, string loadAtStart)
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kilobytes = long.Parse(memory.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return new RunContext(
            DateTimeOffset.UtcNow,
            Run(root, "git", "rev-parse", "--short", "HEAD").Trim(),
            Run(root, "git", "status", "--porcelain").Length > 0,
            Environment.ProcessorCount,
            cpu,
            kilobytes / 1024.0 / 1024.0,
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            Run(root, "java", "-version").Split('\n')[0].Trim(),
            loadAtStart,
            LoadAverage());
    }

    /// <summary>What a command writes to stdout, or to stderr where it writes nothing else (java -version).</summary>
    private static string Run(string folder, string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Length > 0 ? output : error.Result;
    }
}
