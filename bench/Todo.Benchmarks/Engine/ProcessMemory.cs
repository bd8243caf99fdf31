using System.Globalization;

namespace Todo.Benchmarks.Engine;

/// <summary>What Linux's /proc says about a process's memory and children.</summary>
public static class ProcessMemory
{
    /// <summary>VmHWM: the most resident memory the process has had so far, in MB.</summary>
    public static double PeakRssMegabytes(int pid) => Megabytes(pid, "VmHWM:");

    /// <summary>VmRSS: the process's resident memory now, in MB.</summary>
    public static double RssMegabytes(int pid) => Megabytes(pid, "VmRSS:");

    private static double Megabytes(int pid, string field)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>The process's children named <paramref name="command"/>, read from /proc/*/stat: "pid (comm) state ppid ...".</summary>
    public static IEnumerable<int> Children(int parent, string command)
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
                continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(folder, "stat"));
            }
            catch (IOException)
            {
                continue; // it exited while we looked
            }
            var open = stat.IndexOf('(');
            var close = stat.LastIndexOf(')');
            var fields = stat[(close + 2)..].Split(' ');
            if (stat[(open + 1)..close] == command && fields[1] == parent.ToString(CultureInfo.InvariantCulture))
                yield return pid;
        }
    }
}
