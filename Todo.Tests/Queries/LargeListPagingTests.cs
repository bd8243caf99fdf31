using System.Net;
using Todo.Harness.Seeding;
using Todo.Tests.Support;

namespace Todo.Tests.Queries;

/// <summary>A thousand todos, seeded straight into the read table, read a page of 50 at a time.</summary>
[Slow]
public sealed class LargeListPagingTests(LocalAppFixture fixture) : IClassFixture<LocalAppFixture>
{
    private readonly TodoApi api = new(fixture.Http);

    [Fact]
    public async Task A_thousand_todos_paged_at_limit_50_come_each_exactly_once_in_order()
    {
        var seeder = new ReadTableSeeder(fixture.App.DynamoDb, fixture.TodosTable);
        await seeder.SeedToAsync(1000);
        var expected = seeder.Seeded.Select(id => id.ToString()).ToList();

        var ids = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await api.SendAsync(HttpMethod.Get, "/api/todos?limit=50" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.InRange(page.Body.GetArrayLength(), 0, 50);
            ids.AddRange(page.Body.EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
            cursor = page.Header("X-Next-Cursor");
            pages++;
        } while (cursor is not null && pages < 100);

        Assert.Equal(expected, ids);
        Assert.InRange(pages, 20, 21);

        // Small enough: the list without a limit is the whole list, as the classic contract has it.
        var whole = await api.ListAsync();
        Assert.Null(whole.Header("X-Next-Cursor"));
        Assert.Equal(expected, whole.Body.EnumerateArray().Select(t => t.GetProperty("id").GetString()!));
    }
}
