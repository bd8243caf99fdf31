using System.Text;
using Todo.Local.Cognito;

namespace Todo.Tests.Local;

/// <summary>
/// Which requests the local Cognito endpoint refuses because they write a user's sub, as cognito-local would
/// read them: routed by the part of X-Amz-Target after its first dot, with JSON escapes and repeated keys.
/// </summary>
public sealed class GeneratedSubTests
{
    private const string SignUp = "AWSCognitoIdentityProviderService.SignUp";

    private static (string Type, string Message)? Refusal(string? target, string body) => GeneratedSub.Refusal(target, Encoding.UTF8.GetBytes(body));

    [Theory]
    [InlineData(SignUp, """{"ClientId":"c","Username":"a@example.com","Password":"p","UserAttributes":[{"Name":"sub","Value":"default"}]}""")]
    [InlineData("AWSCognitoIdentityProviderService.AdminCreateUser", """{"UserPoolId":"p","Username":"a@example.com","UserAttributes":[{"Name":"email","Value":"a@example.com"},{"Name":"sub","Value":"default"}]}""")]
    [InlineData("AnyService.SignUp", """{"UserAttributes":[{"Name":"sub","Value":"default"}]}""")]
    [InlineData(SignUp, """{"UserAttributes":[{"Name":"\u0073ub","Value":"default"}]}""")]
    [InlineData(SignUp, """{"UserAttributes":[{"Name":"email","Value":"a@example.com"}],"UserAttributes":[{"Name":"sub","Value":"default"}]}""")]
    [InlineData(SignUp, """{"UserAttributes":[{"Name":"email","Name":"sub","Value":"default"}]}""")]
    public void A_sign_up_or_an_admin_creation_naming_sub_is_an_InvalidParameterException(string target, string body)
    {
        var refusal = Refusal(target, body);

        Assert.NotNull(refusal);
        Assert.Equal("InvalidParameterException", refusal.Value.Type);
        Assert.Contains("sub", refusal.Value.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SignUp, """{"ClientId":"c","Username":"a@example.com","Password":"p","UserAttributes":[{"Name":"email","Value":"a@example.com"}]}""")]
    [InlineData(SignUp, """{"ClientId":"c","Username":"sub","Password":"p","UserAttributes":[{"Name":"nickname","Value":"sub"}]}""")]
    [InlineData(SignUp, """{"ClientId":"c","Username":"a@example.com","Password":"p"}""")]
    [InlineData("AWSCognitoIdentityProviderService.InitiateAuth", """{"AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"sub","PASSWORD":"p"}}""")]
    [InlineData("AWSCognitoIdentityProviderService.UpdateUserAttributes", """{"AccessToken":"t","UserAttributes":[{"Name":"sub","Value":"default"}]}""")]
    [InlineData(null, """{"UserAttributes":[{"Name":"sub","Value":"default"}]}""")]
    [InlineData("SignUp", """{"UserAttributes":[{"Name":"sub","Value":"default"}]}""")]
    public void Any_other_request_goes_through(string? target, string body) => Assert.Null(Refusal(target, body));

    [Theory]
    [InlineData("")]
    [InlineData("""{"UserAttributes":[{"Name":"sub""")]
    public void A_sign_up_whose_body_cannot_be_read_is_refused_unread(string body) =>
        Assert.Equal("SerializationException", Refusal(SignUp, body)?.Type);
}
