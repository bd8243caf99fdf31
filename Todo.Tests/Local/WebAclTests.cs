using System.Net;
using Microsoft.AspNetCore.Http;
using Todo.Local.Template;
using Todo.Local.Waf;
using Todo.Tests.Support;

namespace Todo.Tests.Local;

/// <summary>
/// The AWS WAF web ACL of template.yaml as the local host reads and applies it: the origin check, a rate per
/// signed-in user (by token) and per anonymous viewer address, a 429 with Retry-After past either, and the template's
/// parameters checked as CloudFormation checks them.
/// </summary>
public sealed class WebAclTests
{
    private static SamTemplate Load(Dictionary<string, string>? overrides = null) =>
        TemplateLoader.Load(Repository.Template, "todo-local", overrides ?? new Dictionary<string, string>());

    private static readonly DateTimeOffset Now = new(2026, 12, 8, 0, 0, 30, TimeSpan.Zero);

    /// <summary>A request as it leaves the local edge: from <paramref name="address"/>, with CloudFront's origin headers.</summary>
    private static DefaultHttpContext Request(SamTemplate template, string address, string? authorization = null)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        foreach (var (name, value) in template.ApiOriginHeaders!)
            http.Request.Headers[name] = value;
        if (authorization is not null)
            http.Request.Headers.Authorization = authorization;
        return http;
    }

    [Fact]
    public void The_stage_has_the_templates_web_ACL_less_the_managed_rules_and_CloudFront_names_itself_to_it()
    {
        var template = Load();

        var firewall = Assert.IsType<WebAcl>(template.Firewall);
        Assert.Equal(["through-cloudfront-only", "per-signed-in-user", "per-anonymous-viewer"], firewall.Rules.Select(r => r.Name));
        Assert.Contains("X-Origin-Verify", template.ApiOriginHeaders!.Keys);
    }

    [Fact]
    public void A_request_without_CloudFronts_origin_header_is_forbidden()
    {
        var template = Load();
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Loopback;

        var block = template.Firewall!.Evaluate(http, Now);

        Assert.Equal(403, block?.Status);
        Assert.Null(template.Firewall.Evaluate(Request(template, "127.0.0.1"), Now));
    }

    [Fact]
    public void An_anonymous_viewer_past_its_rate_gets_429_with_Retry_After_and_another_address_does_not()
    {
        var template = Load(new() { ["AnonymousRequestsPerMinute"] = "10" });
        var firewall = template.Firewall!;

        var answers = Enumerable.Range(0, 12).Select(_ => firewall.Evaluate(Request(template, "127.0.0.2"), Now)).ToList();

        Assert.All(answers.Take(10), Assert.Null);
        var block = Assert.IsType<FirewallBlock>(answers[10]);
        Assert.Equal(429, block.Status);
        Assert.Equal("60", block.Headers["Retry-After"]);
        Assert.Equal("application/json", block.ContentType);
        Assert.Equal("""{"message":"Too Many Requests"}""", block.Body);
        Assert.Null(firewall.Evaluate(Request(template, "127.0.0.3"), Now));
        // Signed-in requests from the same address count apart.
        Assert.Null(firewall.Evaluate(Request(template, "127.0.0.2", "Bearer a-token"), Now));
        // A minute later the window has moved on.
        Assert.Null(firewall.Evaluate(Request(template, "127.0.0.2"), Now.AddSeconds(61)));
    }

    [Fact]
    public void A_signed_in_user_past_their_rate_is_refused_alone()
    {
        var template = Load(new() { ["UserRequestsPerMinute"] = "10" });
        var firewall = template.Firewall!;

        for (var i = 0; i < 10; i++)
            Assert.Null(firewall.Evaluate(Request(template, "127.0.0.1", "Bearer heavy"), Now.AddSeconds(i * 5)));

        Assert.Equal(429, firewall.Evaluate(Request(template, "127.0.0.1", "Bearer heavy"), Now.AddSeconds(50))?.Status);
        Assert.Null(firewall.Evaluate(Request(template, "127.0.0.1", "Bearer light"), Now.AddSeconds(50)));
        Assert.Null(firewall.Evaluate(Request(template, "127.0.0.1"), Now.AddSeconds(50)));
        // The first requests leave the window one by one, sliding as WAF's does.
        Assert.Null(firewall.Evaluate(Request(template, "127.0.0.1", "Bearer heavy"), Now.AddSeconds(66)));
    }

    [Theory]
    [InlineData("UserRequestsPerMinute", "9")]
    [InlineData("AnonymousRequestsPerMinute", "many")]
    [InlineData("AuthMode", "open")]
    [InlineData("NoSuchParameter", "1")]
    public void A_parameter_CloudFormation_would_refuse_is_refused(string name, string value)
    {
        var error = Assert.Throws<TemplateException>(() => Load(new() { [name] = value }));

        Assert.Contains(name, error.Message);
    }
}
