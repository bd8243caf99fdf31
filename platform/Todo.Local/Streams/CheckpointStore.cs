using System.Text.Json;
using System.Text.Json.Serialization;

namespace Todo.Local.Streams;

/// <summary>
/// The last sequence number delivered per shard, as the event source mapping keeps it. Saved to a
/// file beside a persisted database, so a restart goes on where it stopped instead of replaying the
/// whole stream; kept in memory only when the database is.
/// </summary>
public sealed class CheckpointStore(string? file)
{
    private readonly Dictionary<string, string> checkpoints = Load(file);
    private readonly Lock gate = new();

    public string? Get(string shardId)
    {
        lock (gate)
            return checkpoints.GetValueOrDefault(shardId);
    }

    public void Set(string shardId, string sequenceNumber)
    {
        lock (gate)
        {
            checkpoints[shardId] = sequenceNumber;
            if (file is null)
                return;
            var temporary = file + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(checkpoints, CheckpointJsonContext.Default.DictionaryStringString));
            File.Move(temporary, file, overwrite: true);
        }
    }

    private static Dictionary<string, string> Load(string? file) =>
        file is not null && File.Exists(file)
            ? JsonSerializer.Deserialize(File.ReadAllText(file), CheckpointJsonContext.Default.DictionaryStringString) ?? []
            : [];
}

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class CheckpointJsonContext : JsonSerializerContext;
