namespace Todo.Benchmarks.Engine;

/// <summary>Runs a benchmark once per number of clients against the local host as a process of its own.</summary>
public static class HostPerClientCount
{
    /// <summary>Each number of clients on a host and engine of its own, or, in quick mode, all on one (its start is most of the quick run's time).</summary>
    public static async Task<IReadOnlyList<T>> RunAsync<T>(string root, BenchmarkSizes sizes, IReadOnlyList<int> clientCounts, Func<HostProcess, int, Task<T>> run)
    {
        var results = new List<T>();
        HostProcess? host = null;
        try
        {
            foreach (var clients in clientCounts)
            {
                host ??= await HostProcess.StartAsync(root);
                results.Add(await run(host, clients));
                if (sizes.FreshHostPerClientCount)
                {
                    await host.DisposeAsync();
                    host = null;
                }
            }
        }
        finally
        {
            if (host is not null)
                await host.DisposeAsync();
        }
        return results;
    }
}
