namespace Todo.Tests.Support;

/// <summary>The local app on a data folder of its own, as ./run.sh keeps .local/data: its tables outlive the engine's process.</summary>
public class PersistentAppFixture : LocalAppFixture
{
    private readonly string dataFolder = Directory.CreateTempSubdirectory("todo-data-").FullName;

    protected override string DataFolder => dataFolder;

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(dataFolder, recursive: true);
    }
}
