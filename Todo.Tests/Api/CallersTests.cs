using Todo.Http;
using Todo.Lambda.APIGatewayEvents;

namespace Todo.Tests.Api;

/// <summary>Who a request is from: with sign-in, the UUID Cognito gives every user, and nothing else names a list.</summary>
public sealed class CallersTests
{
    private static APIGatewayProxyRequest From(string? sub) => new()
    {
        RequestContext = new APIGatewayProxyRequest.ProxyRequestContext
        {
            Authorizer = sub is null ? null : new APIGatewayCustomAuthorizerContext { Claims = new() { [Callers.SubjectClaim] = sub } },
        },
    };

    [Fact]
    public void A_signed_in_user_is_their_sub()
    {
        Assert.True(new Callers(signInRequired: true).TryIdentify(From("0f8fad5b-d9cb-469f-a165-70867728950e"), out var caller));
        Assert.Equal("0f8fad5b-d9cb-469f-a165-70867728950e", caller);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("default")]
    [InlineData("someone-else's-sub")]
    public void With_sign_in_a_request_naming_no_user_or_a_sub_that_is_no_UUID_is_refused(string? sub)
    {
        Assert.False(new Callers(signInRequired: true).TryIdentify(From(sub), out _));
    }

    [Fact]
    public void The_open_API_works_on_the_shared_list_whatever_the_claims()
    {
        Assert.True(new Callers(signInRequired: false).TryIdentify(From("0f8fad5b-d9cb-469f-a165-70867728950e"), out var caller));
        Assert.Null(caller);
    }
}
