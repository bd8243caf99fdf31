using System.Text.Json;

namespace Todo.Local.Cognito;

/// <summary>
/// The confirmation codes cognito-local "sends" at sign-up. It prints each in its log, but its logger
/// holds the latest lines back until it writes more, so the codes are read from the user records it
/// keeps (<c>.cognito/db/&lt;poolId&gt;.json</c>) instead, and logged as soon as a new one is there.
/// </summary>
public sealed class ConfirmationCodes : IDisposable
{
    private readonly string file;
    private readonly ILogger logger;
    private readonly FileSystemWatcher watcher;
    private readonly HashSet<(string Email, string Code)> logged = [];
    private readonly Lock gate = new();

    public ConfirmationCodes(string folder, string poolId, ILogger logger)
    {
        var db = Path.Combine(folder, ".cognito", "db");
        Directory.CreateDirectory(db);
        file = Path.Combine(db, $"{poolId}.json");
        this.logger = logger;
        foreach (var pending in Read())
            logged.Add(pending);
        watcher = new FileSystemWatcher(db, $"{poolId}.json") { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.FileName | NotifyFilters.Size };
        watcher.Changed += (_, _) => LogNew();
        watcher.Created += (_, _) => LogNew();
        watcher.Renamed += (_, _) => LogNew();
        watcher.EnableRaisingEvents = true;
    }

    /// <summary>The code waiting for <paramref name="email"/>'s confirmation; null when none is.</summary>
    public string? For(string email) =>
        Read().Where(p => string.Equals(p.Email, email, StringComparison.OrdinalIgnoreCase)).Select(p => p.Code).LastOrDefault();

    private void LogNew()
    {
        lock (gate)
        {
            foreach (var pending in Read())
            {
                if (logged.Add(pending))
                    logger.LogInformation("Confirmation code for {Email}: {Code}", pending.Email, pending.Code);
            }
        }
    }

    /// <summary>Every unconfirmed user's address and code; nothing while the file is missing or half written.</summary>
    private List<(string Email, string Code)> Read()
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            if (!document.RootElement.TryGetProperty("Users", out var users))
                return [];
            return users.EnumerateObject()
                .Select(u => u.Value)
                .Where(u => u.TryGetProperty("ConfirmationCode", out _) && u.TryGetProperty("UserStatus", out var status) && status.GetString() == "UNCONFIRMED")
                .Select(u => (Email: u.GetProperty("Attributes").EnumerateArray()
                        .Where(a => a.GetProperty("Name").GetString() == "email").Select(a => a.GetProperty("Value").GetString()).FirstOrDefault() ?? "",
                    Code: u.GetProperty("ConfirmationCode").GetString() ?? ""))
                .Where(p => p.Email.Length > 0 && p.Code.Length > 0)
                .ToList();
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return [];
        }
    }

    public void Dispose() => watcher.Dispose();
}
