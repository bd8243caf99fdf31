using Todo.Lambda.Settings;

namespace Todo.Http;

/// <summary>What every API function reads: the browser origin its answers allow, and whether callers sign in.</summary>
public sealed record ApiSettings(string AllowedOrigin, bool SignInRequired)
{
    public static ApiSettings From(SettingsReader settings) => new(
        settings.Required<string>(ApiResponses.AllowedOriginVariable, IsOrigin, "the browser origin allowed to call the API, such as https://todo.example.com, or *"),
        settings.OneOf(Callers.AuthModeVariable, Callers.CognitoMode, Callers.OpenMode) == Callers.CognitoMode);

    private static bool IsOrigin(string text, out string origin)
    {
        origin = text;
        return text == "*" || Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/";
    }
}
