using System.Net;
using Todo.Harness.Load;
using Todo.Tests.Support;

namespace Todo.Tests.Api;

/// <summary>
/// The template's per-client rate rules on the running local host: a client past its limit gets 429 with Retry-After,
/// reaches no function and changes nothing, while other users and other addresses go on as before.
/// </summary>
[Slow]
public sealed class RateLimitTests(RateLimitedAppFixture fixture) : IClassFixture<RateLimitedAppFixture>
{
    [Fact]
    public async Task An_anonymous_address_past_its_limit_gets_429_and_other_addresses_do_not()
    {
        using var heavy = SourceAddress.Client(fixture.App.BaseUrl, SourceAddress.Loopback(21));
        using var other = SourceAddress.Client(fixture.App.BaseUrl, SourceAddress.Loopback(22));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < RateLimitedAppFixture.Limit; i++)
            statuses.Add((await heavy.GetAsync("/api/openapi.json")).StatusCode);
        using var refused = await heavy.GetAsync("/api/openapi.json");

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
        Assert.Equal("""{"message":"Too Many Requests"}""", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/openapi.json")).StatusCode);
    }

    [Fact]
    public async Task A_user_past_their_limit_is_refused_alone_and_the_refused_command_changes_nothing()
    {
        var heavy = await fixture.NewUserAsync();
        var light = await fixture.NewUserAsync();
        for (var i = 0; i < RateLimitedAppFixture.Limit; i++)
            Assert.Equal(HttpStatusCode.OK, (await heavy.Api.ListAsync()).Status);
        var events = await fixture.CountEventsAsync();

        var refused = await heavy.Api.CreateAsync("Past the limit");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.Status);
        Assert.Equal("60", refused.Header("Retry-After"));
        Assert.Equal(events, await fixture.CountEventsAsync());
        Assert.Equal(HttpStatusCode.Created, (await light.Api.CreateAsync("Within the limit")).Status);
    }
}
