using System.Text.Json;
using Todo.Benchmarks;
using Todo.Benchmarks.Report;

// Usage: Todo.Benchmarks [--quick] [--only NAME,...] [--out FILE] [--cold-start FILE] [--json FILE], from the repository root.
// Prints the figures as Markdown; --out writes them there, keeping the sections of that file it does not write (see SharedDocument);
// --json writes the figures as JSON.
var root = Directory.GetCurrentDirectory();
if (!File.Exists(Path.Combine(root, "template.yaml")))
{
    Console.Error.WriteLine("error: run from the repository root (./bench.sh does).");
    return 2;
}
string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
var sizes = args.Contains("--quick") ? BenchmarkSizes.Quick : BenchmarkSizes.Full;
var only = Option("--only")?.Split(',') ?? [.. BenchmarkRun.All];
var unknown = only.Except(BenchmarkRun.All).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"error: no benchmark {string.Join(", ", unknown)}; they are {string.Join(", ", BenchmarkRun.All)}.");
    return 2;
}
var output = Option("--out");
var json = Option("--json");
var printed = Option("--cold-start") is { } coldStartFile ? await File.ReadAllTextAsync(coldStartFile) : null;

var load = RunContext.LoadAverage();
var results = await BenchmarkRun.RunAsync(root, sizes, only, line => Console.WriteLine($"==> {line}"));
var document = output is not null && File.Exists(output) ? await File.ReadAllTextAsync(output) : null;
var markdown = MarkdownReport.Render(results, RunContext.Read(root, load), printed, SharedDocument.Others(document, MarkdownReport.Owns));
Console.WriteLine();
Console.WriteLine(markdown);
if (output is not null)
{
    await File.WriteAllTextAsync(output, markdown);
    Console.WriteLine($"Written to {output}.");
}
if (json is not null)
    await File.WriteAllTextAsync(json, JsonSerializer.Serialize(results, BenchmarkJson.Default.BenchmarkResults));
return 0;
