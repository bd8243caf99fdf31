using Todo.Local.Template;

namespace Todo.Benchmarks.Engine;

/// <summary>The names the template gives the tables the benchmarks write and check.</summary>
public sealed record BenchTables(string Events, string Todos)
{
    public static BenchTables From(SamTemplate template)
    {
        string Name(string logicalId) => template.Tables.Single(t => t.LogicalId == logicalId).Create.TableName;
        return new BenchTables(Name("EventsTable"), Name("TodosTable"));
    }
}
