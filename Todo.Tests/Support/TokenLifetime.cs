using System.Globalization;
using Microsoft.IdentityModel.JsonWebTokens;
using Todo.Local.Template;

namespace Todo.Tests.Support;

/// <summary>How long a Cognito token lasts: as its claims say, and as the template's app client declares.</summary>
public static class TokenLifetime
{
    /// <summary>From its issue to its expiry (<c>exp - iat</c>).</summary>
    public static TimeSpan Of(string jwt)
    {
        var token = new JsonWebToken(jwt);
        return token.ValidTo - token.IssuedAt;
    }

    /// <summary>The client's <c>IdTokenValidity</c> or <c>AccessTokenValidity</c> (<paramref name="token"/> <c>IdToken</c> or <c>AccessToken</c>).</summary>
    public static TimeSpan Declared(SamTemplate template, string token)
    {
        var client = (template.Authorizer ?? throw new InvalidOperationException("The template has no sign-in.")).Client.Properties;
        var units = (IReadOnlyDictionary<string, object?>)client["TokenValidityUnits"]!;
        // The template gives them in minutes; another unit fails here rather than be misread.
        Assert.Equal("minutes", units[token]);
        return TimeSpan.FromMinutes(int.Parse((string)client[$"{token}Validity"]!, CultureInfo.InvariantCulture));
    }
}
