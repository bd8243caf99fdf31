using System.Net;
using Todo.Harness.Seeding;
using Todo.Lambda;
using Todo.Queries;
using Todo.Tests.Support;

namespace Todo.Tests.Queries;

/// <summary>
/// The list past the size the classic contract was meant for, seeded straight into the read table: without a
/// limit it stops at a size a Lambda can answer, and says where the rest goes on.
/// </summary>
[Slow]
public sealed class ListSizeTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private readonly TodoApi api = new(fixture.Http);

    /// <summary>Follows X-Next-Cursor from <paramref name="first"/> to the end.</summary>
    private async Task<(List<string> Ids, List<ApiResponse> Pages)> AllPagesAsync(string first)
    {
        var ids = new List<string>();
        var pages = new List<ApiResponse>();
        var url = first;
        while (url is not null && pages.Count < 100)
        {
            var page = await api.SendAsync(HttpMethod.Get, url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            pages.Add(page);
            ids.AddRange(page.Body.EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
            url = page.Header("X-Next-Cursor") is { } cursor ? $"/api/todos?limit=1000&cursor={cursor}" : null;
        }
        return (ids, pages);
    }

    [Fact]
    public async Task Past_the_size_guard_the_list_answers_its_first_part_with_a_cursor_and_stays_a_response_Lambda_can_send()
    {
        // Backslashes are escaped in the body and again in the Lambda response: the worst growth there is.
        var worst = new string('\\', 1000);
        var seeder = new ReadTableSeeder(fixture.App.DynamoDb, fixture.TodosTable, _ => worst);
        await seeder.SeedToAsync(1400);

        var (ids, pages) = await AllPagesAsync("/api/todos");

        var first = pages[0];
        Assert.NotNull(first.Header("X-Next-Cursor"));
        var firstBytes = (await first.Message.Content.ReadAsByteArrayAsync()).Length;
        Assert.InRange(firstBytes, SizedPage.MaxBodyBytes - 3000, SizedPage.MaxBodyBytes);
        Assert.Equal(seeder.Seeded.Select(id => id.ToString()), ids);
        Assert.Equal(2, pages.Count);

        // What the function hands Lambda, with the body escaped inside it, is well under Lambda's 6 MB (6,291,556 bytes).
        var function = DirectInvocation.Function(fixture, "list-todos", fixture.App.DynamoDb);
        var response = await DirectInvocation.InvokeAsync(function, DirectInvocation.Request("GET", "/api/todos"));
        var payload = LambdaPayload.Write(response, LambdaJsonContext.Default.APIGatewayProxyResponse).Length;
        Assert.InRange(payload, SizedPage.MaxBodyBytes, 5_100_000);
    }
}
