using Todo.Benchmarks.Abuse;
using Todo.Benchmarks.CommandCost;
using Todo.Benchmarks.FirstPage;
using Todo.Benchmarks.ListScaling;
using Todo.Benchmarks.Live;
using Todo.Benchmarks.Measuring;
using Todo.Benchmarks.Micro;
using Todo.Benchmarks.ProjectionLag;
using Todo.Benchmarks.ProjectionThroughput;
using Todo.Benchmarks.Rebuild;
using Todo.Benchmarks.Throughput;

namespace Todo.Benchmarks.Report;

/// <summary>docs/benchmarks.md: the run's context, the targets, then each benchmark's figures and how they were taken.</summary>
public static class MarkdownReport
{
    private const string ColdStartHeading = "## 5. Cold start";

    /// <summary>What bench.sh adds to the cold-start section: the script's output in this run.</summary>
    private const string ColdStartRunHeading = "### Output of the last ./bench.sh run";

    private static readonly string[] OwnedHeadings = ["## Targets", "## 1. ", "## 2. ", "## 3. ", "## 4. ", ColdStartHeading, "## 6. ", ProjectionThroughputReport.Heading, RebuildBenchmarkReport.Heading, FirstPageReport.Heading, AbuseReport.Heading, LiveReport.Heading, "## Micro-benchmarks"];

    /// <summary>What a synchronously invoked Lambda function may answer.</summary>
    private const int LambdaResponseLimit = 6 * 1024 * 1024;

    /// <summary>Whether a section is one this report writes (and so rewrites).</summary>
    public static bool Owns(string heading) => OwnedHeadings.Any(owned => heading.StartsWith(owned, StringComparison.Ordinal));

    /// <param name="coldStartOutput">What scripts/cold-start-benchmark.sh printed in this run; null when it was not run.</param>
    /// <param name="others">The sections of the document as it stood that this report does not write: kept as they are.</param>
    public static string Render(BenchmarkResults results, RunContext context, string? coldStartOutput, IReadOnlyList<DocumentSection> others)
    {
        var sizes = results.Sizes;
        string?[] sections =
        [
            Header(sizes, context),
            $"## Targets\n\n{Format.Table(["#", "figure", "measured", "target", ""], Targets.Of(results).Select(t => (IReadOnlyList<string>)[t.Benchmark, t.What, t.Measured, t.Goal, t.Met ? "met" : "**missed**"]))}",
            results.CommandCost is { } cost ? CommandCost(sizes, cost) : null,
            results.ProjectionLag.Count > 0 ? ProjectionLag(sizes, results.ProjectionLag) : null,
            results.ListScaling is { } list ? ListScaling(sizes, list) : null,
            results.Throughput.Count > 0 ? Throughput(sizes, results.Throughput) : null,
            ColdStart(context, coldStartOutput, others.FirstOrDefault(s => s.IsColdStart)),
            results.Throughput.Count > 0 ? Memory(results.Throughput) : null,
            results.ProjectionThroughput.Count > 0 ? ProjectionThroughputReport.Section(sizes, results.ProjectionThroughput) : null,
            results.Rebuild is { } rebuild ? RebuildBenchmarkReport.Section(rebuild) : null,
            results.FirstPage is { } firstPage ? FirstPageReport.Section(firstPage) : null,
            results.Abuse is { } abuse ? AbuseReport.Section(abuse) : null,
            results.Live is { } live ? LiveReport.Section(sizes, live) : null,
            results.Micro.Count > 0 ? Micro(sizes, results.Micro) : null,
            .. others.Where(s => !s.IsColdStart).Select(s => s.Text),
        ];
        return string.Join("\n\n", sections.OfType<string>().Select(s => s.Trim())) + "\n";
    }

    private static string Header(BenchmarkSizes sizes, RunContext context) => $"""
        # Benchmarks

        Written by `./bench.sh` ({sizes.Mode} mode) on {context.Date:yyyy-MM-dd HH:mm} UTC at commit `{context.Commit}`{(context.Uncommitted ? " (the working tree had uncommitted changes)" : "")},
        on {context.Cores} cores ({context.Cpu}), {context.MemoryGigabytes:F1} GB memory, {context.Os}, {context.Dotnet}, {context.Java}.
        The machine is shared: its load average was {context.LoadAtStart} when the run started and {context.LoadAtEnd} when it ended.

        Latencies are medians (p50) and 99th percentiles (p99); ratios compare figures measured in this run on this
        machine, because absolute times drift on a shared machine. Every end-to-end benchmark starts on a fresh
        in-memory DynamoDB Local, which was seen slowing about tenfold once a table's stream holds tens of
        thousands of records, and gets {sizes.WarmupRounds} rounds of a raw PutItem, a POST, a PUT and a GET before anything
        is measured (Java's and .NET's JIT make the first requests many times slower). Each states the engine's own
        raw conditional-PutItem rate measured in the same run, with the number of records the stream held then.
        """;

    private static string CommandCost(BenchmarkSizes sizes, CommandCostResult cost) => $"""
        ## 1. Command cost

        The local host in this process, one request at a time: {sizes.CommandRounds} rounds, each a raw conditional PutItem
        (the item a POST writes, a TodoCreated event with the same text, sent straight to the engine), a POST, a
        raw consistent Query for the new todo's newest event (the read a cold update makes before it writes), and
        two PUTs of the new todo: the first the update function's instance handles for it (cold: that Query, then
        one conditional PutItem), then one it decides on the snapshot it cached (warm: the PutItem alone); and a GET
        of a todo created before the rounds, once the projection had applied it.
        Engine: {RawRate(cost.EngineRate)}.

        {Format.Table(["request", "p50", "p99", "p50 / raw PutItem"], [
            ["raw conditional PutItem", Format.Ms(cost.RawPut.Median), Format.Ms(cost.RawPut.P99), Format.Ratio(1)],
            ["raw consistent Query, a todo's newest event", Format.Ms(cost.RawQuery.Median), Format.Ms(cost.RawQuery.P99), Format.Ratio(cost.RawQuery.Median / cost.RawPut.Median)],
            ["POST /api/todos", Format.Ms(cost.Post.Median), Format.Ms(cost.Post.P99), Format.Ratio(cost.PostRatio)],
            ["PUT /api/todos/{id}, warm", Format.Ms(cost.Put.Median), Format.Ms(cost.Put.P99), Format.Ratio(cost.PutRatio)],
            ["PUT /api/todos/{id}, cold", Format.Ms(cost.ColdPut.Median), Format.Ms(cost.ColdPut.P99), Format.Ratio(cost.ColdPutRatio)],
            ["GET /api/todos/{id}", Format.Ms(cost.Get.Median), Format.Ms(cost.Get.P99), Format.Ratio(cost.GetRatio)]])}
        A cold PUT against the two requests it cannot do without (raw Query + raw PutItem, p50): {Format.Ratio(cost.ColdPutOverItsRequests)}.

        DynamoDB requests per command and read, counted by invoking the template's functions directly on a client
        that records each request it sends (`BeforeRequestEvent`); cold is an instance's first command on the todo,
        warm one that follows it on the same instance; the read is an instance's second:

        {Format.Table(["request", "DynamoDB requests", "count"], cost.Requests.Select(r => (IReadOnlyList<string>)[r.Command, string.Join(", ", r.Requests), $"{r.Requests.Count}"]))}
        {HistoryCostReport.Render(sizes, cost.History)}
        """;

    private static string ProjectionLag(BenchmarkSizes sizes, IReadOnlyList<ProjectionLagResult> runs) => $"""
        ## 2. Projection lag

        A steady {BenchmarkSizes.LagRate} commands/s for {Format.Seconds(sizes.LagDuration)} through the local host, on a fresh engine for each stream poll
        interval (half creates, half text changes of earlier todos; each command starts on its schedule whether or
        not earlier ones have been answered). After each 2xx the todo's read item (what the list reads; a read by id
        reads the events and never waits) is read with a GetItem every {BenchmarkSizes.LagProbeInterval.TotalMilliseconds:F0} ms (or every tenth of the time waited,
        past 50 ms) until it holds the command's version. The lag runs from the 2xx to that read's answer, so it
        holds the stream reader's idle wait between polls, its GetRecords, the projector's UpdateItem and up to one
        probe interval.

        {Format.Table(["stream poll interval", "commands", "rate", "lag p50", "lag p99", "non-2xx", "never visible (10 s)", "probe reads"],
            runs.Select(l => (IReadOnlyList<string>)[$"{l.StreamPollInterval.TotalMilliseconds:F0} ms", $"{l.Commands:N0}", Format.Rate(l.Rate), Format.Ms(l.Lag.Median), Format.Ms(l.Lag.P99), $"{l.Failed}", $"{l.NeverVisible}", $"{l.Reads:N0}"]))}
        {BenchmarkSizes.DefaultStreamPollInterval.TotalMilliseconds:F0} ms is the local host's default (`LocalOptions.StreamPollInterval`, what ./run.sh uses): a change waits
        for the next poll, half an interval on average. Lambda's event source mapping polls a shard about four times a second.
        """;

    private static string ListScaling(BenchmarkSizes sizes, ListScalingResult list)
    {
        static string Cell(Latencies latencies) => $"{Format.Ms(latencies.Median)} / {Format.Ms(latencies.P99)}";
        var notes = new List<string>();
        if (!list.LimitHonoured)
            notes.Add($"The API answered {list.Large.PageItems:N0} items to `?limit={BenchmarkSizes.ListLimit}`: it has no paging, so that row is the whole list.");
        if (list.Large.WholeListBytes > LambdaResponseLimit)
            notes.Add($"The whole list of {list.Large.Todos:N0} todos is larger than Lambda's 6 MB response limit: in AWS that request would fail, and only pages scale.");
        return $"""
            ## 3. List scaling

            The read table seeded straight with BatchWriteItem (a fixture: as many commands would grow the stream past
            the size where the engine slows), then each read taken {sizes.ListSamples} times at {list.Small.Todos:N0} todos, and again after
            seeding up to {list.Large.Todos:N0} on the same engine (the whole list {sizes.LargeListSamples} times there). The small size is measured
            first, so what warm-up is left favours the large one: a ratio below 1 means no growth, not a speed-up. A read by
            id reads the todo's newest event, so it is taken of 20 todos created through the API before the seeding.

            {Format.Table(["read (p50 / p99)", $"{list.Small.Todos:N0} todos", $"{list.Large.Todos:N0} todos", "ratio of p50"], [
                [$"GET /api/todos?limit={BenchmarkSizes.ListLimit} ({list.Large.PageItems:N0} items answered)", Cell(list.Small.Page), Cell(list.Large.Page), Format.Ratio(list.PageRatio)],
                ["GET /api/todos/{id}", Cell(list.Small.GetById), Cell(list.Large.GetById), Format.Ratio(list.GetByIdRatio)],
                [$"GET /api/todos, the whole list ({list.Small.WholeListBytes / 1024.0:F0} KB, {list.Large.WholeListBytes / 1024.0 / 1024.0:F1} MB)", Cell(list.Small.WholeList), Cell(list.Large.WholeList), Format.Ratio(list.WholeListRatio)],
                [$"engine only: Query on byCreatedAt, Limit {BenchmarkSizes.ListLimit}", Cell(list.Small.EngineQuery), Cell(list.Large.EngineQuery), Format.Ratio(list.EngineQueryRatio)]])}
            {string.Join("\n", notes)}
            """;
    }

    private static string Throughput(BenchmarkSizes sizes, IReadOnlyList<ThroughputResult> runs) => $"""
        ## 4. Throughput without loss

        The local host as a process of its own (`dotnet Todo.Local.dll --in-memory`, {(sizes.FreshHostPerClientCount ? "a fresh one for each number of clients" : "one for every number of clients in quick mode")}).
        Each client sends its next command as soon as the last is answered, for {Format.Seconds(sizes.ThroughputDuration)}: 40% creates, 45% updates
        (text, completion or both), 15% deletes, on todos shared by all clients, so some race on one todo (a 404 for
        a todo another client deleted is a 4xx, as it should be). The engine's raw rate is measured with as many
        writers just before and just after the load; the ratio is to the higher of the two. Then the benchmark waits
        for the projection to apply the last raw write ("caught up after"), and compares every todo's read item with
        the fold of its events.

        {Format.Table(["clients", "commands/s", "p50", "p99", "2xx", "4xx", "5xx", "unanswered", "raw PutItem/s before (stream records)", "after (stream records)", "commands/s / raw", "caught up after", "todos", "differences"],
            runs.Select(t => (IReadOnlyList<string>)[$"{t.Clients}", Format.Rate(t.PerSecond), Format.Ms(t.Latency.Median), Format.Ms(t.Latency.P99),
                $"{t.Outcomes.Succeeded:N0}", $"{t.Outcomes.ClientErrors:N0}", $"{t.Outcomes.ServerErrors}", $"{t.Outcomes.Unanswered}",
                $"{Format.Rate(t.Before.PerSecond)} ({t.Before.StreamRecords:N0})", $"{Format.Rate(t.After.PerSecond)} ({t.After.StreamRecords:N0})",
                Format.Ratio(t.OfRawRate), Format.Seconds(t.CatchUp), $"{t.Todos:N0}", $"{t.Differences}"]))}
        The local stream reader delivers the one shard's records a batch at a time, and the engine serves both the
        commands and the projector on the same two cores, so a load that saturates it leaves a backlog the
        projection works off after the load ("caught up after").
        """;

    /// <summary>The cold-start script's own section, if the document has one, with this run's output under it.</summary>
    private static string ColdStart(RunContext context, string? output, DocumentSection? kept)
    {
        var run = output is null ? null : $"""
            {ColdStartRunHeading}

            `scripts/cold-start-benchmark.sh` as `./bench.sh` ran it on {context.Date:yyyy-MM-dd HH:mm} UTC, as it printed:

            ```
            {output.Trim()}
            ```
            """;
        if (kept is not null)
            return SharedDocument.Without(kept, ColdStartRunHeading) + (run is null ? "" : "\n\n" + run);
        return $"{ColdStartHeading}\n\n" + (run ?? "Not measured in this run: scripts/cold-start-benchmark.sh did not run.");
    }

    private static string Memory(IReadOnlyList<ThroughputResult> runs) => $"""
        ## 6. Memory

        Peak resident memory (VmHWM) under benchmark 4, read once the read model had been checked. The local host
        runs every function inside its own process, so locally there is no function process apart from it; the
        function executables' own peak RSS is in the cold-start figures (5).

        {Format.Table(["clients", "local host (API, functions, stream reader)", "DynamoDB Local (Java)"],
            runs.Select(t => (IReadOnlyList<string>)[$"{t.Clients}", Format.Megabytes(t.HostPeakRssMegabytes), Format.Megabytes(t.EnginePeakRssMegabytes)]))}
        """;

    private static string Micro(BenchmarkSizes sizes, IReadOnlyList<MicroResult> micro) => $"""
        ## Micro-benchmarks

        BenchmarkDotNet, in process, with its memory diagnoser: {(sizes.MicroDry ? "the dry job (one invocation each: these figures prove the code runs and measure nothing)" : MicroBenchmarks.FullJobDescription)}.
        The fold allocates per event; the codec handles one event a call.

        {Format.Table(["benchmark", "events", "median", "allocated", "per event", "allocated per event"],
            micro.Select(m => (IReadOnlyList<string>)[m.Name, $"{m.Events}", $"{m.MedianNanoseconds:F0} ns", $"{m.BytesAllocated:F0} B", $"{m.NanosecondsPerEvent:F1} ns", $"{m.BytesPerEvent:F0} B"]))}
        """;

    private static string RawRate(Engine.RawRate rate) =>
        $"{Format.Rate(rate.PerSecond)} raw conditional PutItems with {rate.Concurrency} writer{(rate.Concurrency == 1 ? "" : "s")}, the stream holding {rate.StreamRecords:N0} records";
}
