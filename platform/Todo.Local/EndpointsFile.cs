using System.Text.Json;
using System.Text.Json.Nodes;

namespace Todo.Local;

/// <summary>
/// <c>.local/endpoints.json</c>: where the running local host's services are, for tools and tests. Each
/// part of the host writes its own entry and leaves the others as they are.
/// </summary>
public static class EndpointsFile
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <param name="value">The entry; null removes it (a service this run does not start).</param>
    public static void Write(string path, string entry, JsonObject? value)
    {
        var root = File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject existing ? existing : [];
        if (value is null)
            root.Remove(entry);
        else
            root[entry] = value;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, root.ToJsonString(Indented) + "\n");
    }
}
