using Todo.Local.Cognito;
using Todo.Local.Live;
using Todo.Local.Template;

namespace Todo.Local;

/// <summary>
/// The variables whose template values name AWS endpoints, pointed at the host's own, as the host points the functions'
/// DynamoDB client at DynamoDB Local: the live API's management URL (<c>https://LiveApi.execute-api…/prod</c> as the
/// local template resolves it) at the host's <c>/_live</c>, the user pool's issuer at cognito-local's, and the app
/// client's Ref at the client cognito-local made.
/// </summary>
public static class LocalVariables
{
    public static FunctionDefinition Rewrite(FunctionDefinition function, SamTemplate template, Uri baseUrl, LocalUsers? users)
    {
        var local = new Dictionary<string, string>();
        if (template.Live is { } live)
            local[$"https://{live.LogicalId}.execute-api.{LocalAws.Region}.amazonaws.com/{live.Stage}"] = baseUrl.GetLeftPart(UriPartial.Authority) + LiveEmulator.Path;
        if (users is not null && template.Authorizer is { } authorizer)
        {
            local[$"https://cognito-idp.{LocalAws.Region}.amazonaws.com/{authorizer.Pool.LogicalId}"] = users.Issuer;
            local[authorizer.Client.LogicalId] = users.ClientId;
        }
        return function with { Environment = function.Environment.ToDictionary(v => v.Key, v => local.GetValueOrDefault(v.Value, v.Value)) };
    }
}
