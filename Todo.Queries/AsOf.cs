using System.Globalization;
using System.Text.RegularExpressions;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Queries;

/// <summary>
/// Time travel on <c>GET /api/todos/{id}</c>: <c>?asOfVersion=N</c> is the todo after its first N events,
/// <c>?asOf=&lt;ISO-8601 time&gt;</c> after the events that had occurred by then: the newest version whose
/// event had, as versions are appended in time order. Either way the answer is a state the todo really passed
/// through, read from the one item that holds it (<see cref="TodoHistory.AsOfAsync"/>).
/// </summary>
public sealed partial record AsOf(long? Version, DateTimeOffset? Time)
{
    public const string VersionParameter = "asOfVersion";
    public const string TimeParameter = "asOf";

    /// <returns>Null without either parameter, or when one is malformed (<paramref name="errors"/> says which).</returns>
    public static AsOf? Read(APIGatewayProxyRequest request, Dictionary<string, string> errors)
    {
        var versionText = request.QueryStringParameters?.GetValueOrDefault(VersionParameter);
        var timeText = request.QueryStringParameters?.GetValueOrDefault(TimeParameter);
        if (versionText is null && timeText is null)
            return null;
        if (versionText is not null && timeText is not null)
        {
            errors[TimeParameter] = $"cannot be given together with {VersionParameter}";
            return null;
        }
        if (versionText is not null)
        {
            if (long.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version >= 1)
                return new AsOf(version, null);
            errors[VersionParameter] = "must be a whole number of at least 1";
            return null;
        }
        if (IsoTime().IsMatch(timeText!) && DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var time))
            return new AsOf(null, time);
        errors[TimeParameter] = "must be an ISO-8601 date and time with a time zone, such as 2026-11-25T14:03:33.473Z";
        return null;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex IsoTime();
}
