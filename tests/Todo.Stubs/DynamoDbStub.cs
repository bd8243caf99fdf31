using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Todo.Stubs;

/// <summary>
/// A DynamoDB endpoint on 127.0.0.1 that answers every call with <c>{}</c>: a GetItem that finds nothing,
/// so a function's real SDK call (signing, HTTP, JSON) costs what it costs, with no database behind it.
/// </summary>
public sealed class DynamoDbStub : IAsyncDisposable
{
    private readonly WebApplication web;

    private DynamoDbStub(WebApplication web) => this.web = web;

    /// <summary>The value for <c>AWS_ENDPOINT_URL_DYNAMODB</c>.</summary>
    public string Url => web.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public static async Task<DynamoDbStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var web = builder.Build();
        web.Run(http =>
        {
            http.Response.ContentType = "application/x-amz-json-1.0";
            return http.Response.WriteAsync("{}");
        });
        await web.StartAsync();
        return new DynamoDbStub(web);
    }

    public async ValueTask DisposeAsync()
    {
        await web.StopAsync();
        await web.DisposeAsync();
    }
}
