using Todo.Lambda.APIGatewayEvents;

namespace Todo.Http;

/// <summary>
/// Who sent a request. With <c>AuthMode=cognito</c> (the template's <see cref="AuthModeVariable"/>) it is
/// the user whose ID token API Gateway's Cognito authorizer verified: the <c>sub</c> claim it passes in
/// <c>requestContext.authorizer.claims</c>. With <c>AuthMode=none</c> nobody signs in and every request
/// works on the one shared list (caller null), whatever claims it carries.
/// </summary>
public sealed class Callers(bool signInRequired)
{
    public const string AuthModeVariable = "AUTH_MODE";

    /// <summary>Users sign in with the stack's Cognito user pool.</summary>
    public const string CognitoMode = "cognito";

    /// <summary>The open API of the classic contract.</summary>
    public const string OpenMode = "none";

    public const string SubjectClaim = "sub";

    public const string UnauthorizedMessage = "Unauthorized";

    /// <returns>
    /// False when sign-in is required and the request names no user, or names one by anything but a UUID. API
    /// Gateway lets no such request through, and Cognito gives every user a UUID; a <c>sub</c> chosen at sign-up
    /// (which cognito-local allows) could otherwise name another list, such as the shared one.
    /// </returns>
    public bool TryIdentify(APIGatewayProxyRequest request, out string? caller)
    {
        caller = signInRequired ? request.RequestContext?.Authorizer?.Claims?.GetValueOrDefault(SubjectClaim) : null;
        return !signInRequired || Guid.TryParseExact(caller, "D", out _);
    }
}
