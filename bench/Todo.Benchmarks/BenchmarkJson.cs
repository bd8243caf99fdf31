using System.Text.Json;
using System.Text.Json.Serialization;
using Todo.Benchmarks.Rebuild;

namespace Todo.Benchmarks;

/// <summary>
/// The figures as JSON (--json), for a test to check them from outside; and what todoctl answers. Fields are
/// included for the counters that are incremented in place; a median of no samples is NaN.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = true, IncludeFields = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(BenchmarkResults))]
[JsonSerializable(typeof(RebuildAnswer))]
internal sealed partial class BenchmarkJson : JsonSerializerContext;
