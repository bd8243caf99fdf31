using Todo.Lambda.APIGatewayEvents;
using Todo.Queries;
using Todo.Store.ReadTable;

namespace Todo.Tests.Queries;

/// <summary>The changes feed's tokens and horizon: what a token may hold, what it is bound to, and where the next one points.</summary>
public sealed class ChangesRequestTests
{
    private const string List = "b1f0c7de-5a0c-4f8e-9d1e-3c2b7a6f4e10";
    private static readonly ReadTables Tables = new("todo-todos", "todo-todos-green");
    private static readonly Guid TodoId = Guid.Parse("7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11");
    private static readonly DateTimeOffset At = new(2026, 12, 8, 3, 4, 5, 678, TimeSpan.Zero);
    private static readonly string Position = TodoTable.ChangeKeyOf(TodoId, At);

    /// <returns>The request as the active table <paramref name="active"/> reads it.</returns>
    private static (ChangesRequest? Request, Dictionary<string, string> Errors) Read(Dictionary<string, string?>? query, string active = "todo-todos")
    {
        var errors = new Dictionary<string, string>();
        return (ChangesRequest.Read(new APIGatewayProxyRequest { QueryStringParameters = query }, List, Tables, errors)?.In(active), errors);
    }

    [Fact]
    public void Without_parameters_it_reads_from_the_beginning_as_many_as_a_list_page_holds()
    {
        var (request, errors) = Read(null);

        Assert.Empty(errors);
        Assert.Equal(new ChangesRequest(ListPage.MaxLimit, null, "todo-todos"), request);
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("1000", 1000)]
    public void A_limit_from_1_to_the_lists_maximum_is_taken(string limit, int expected)
    {
        var (request, errors) = Read(new() { ["limit"] = limit });

        Assert.Empty(errors);
        Assert.Equal(expected, request!.Limit);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("-1")]
    [InlineData("ten")]
    [InlineData("1.5")]
    public void Any_other_limit_is_refused(string limit)
    {
        var (request, errors) = Read(new() { ["limit"] = limit });

        Assert.Null(request);
        Assert.Equal("must be a whole number from 1 to 1000", errors["limit"]);
    }

    [Fact]
    public void A_token_given_out_for_the_list_and_the_active_table_reads_after_its_position()
    {
        var (request, errors) = Read(new() { ["after"] = ChangesRequest.Token(Position, List, "todo-todos") });

        Assert.Empty(errors);
        Assert.Equal(Position, request!.After);
    }

    [Fact]
    public void A_horizons_token_is_a_position_too()
    {
        var horizon = ChangesRequest.HorizonKey(At);

        var (request, errors) = Read(new() { ["after"] = ChangesRequest.Token(horizon, List, "todo-todos-green") }, active: "todo-todos-green");

        Assert.Empty(errors);
        Assert.Equal(horizon, request!.After);
    }

    [Fact]
    public void A_token_of_the_other_read_table_starts_again_from_the_beginning()
    {
        var (request, errors) = Read(new() { ["after"] = ChangesRequest.Token(Position, List, "todo-todos-green"), ["limit"] = "7" });

        Assert.Empty(errors);
        Assert.Equal(new ChangesRequest(7, null, "todo-todos"), request);
    }

    public static TheoryData<string> MadeUpTokens => new()
    {
        // Another list's, another table's (neither read table), a list cursor and a history cursor of the same list.
        ChangesRequest.Token(Position, "someone-else", "todo-todos"),
        ChangesRequest.Token(Position, List, "todo-other"),
        ListPage.Encode(TodoTable.SortKey(TodoId, At), List),
        ListPage.Encode("1", $"{List}/{TodoId}"),
        // Bound right, at positions no writer stamps.
        ChangesRequest.Token("2026-13-45T00:00:00.000Z#7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11", List, "todo-todos"),
        ChangesRequest.Token("2026-12-08T03:04:05.67Z#7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11", List, "todo-todos"),
        ChangesRequest.Token("2026-12-08T03:04:05.678Z#7F3C2A9E-4B1D-4C8E-9A51-2D6F0B3E8C11", List, "todo-todos"),
        ChangesRequest.Token("2026-12-08T03:04:05.678Z", List, "todo-todos"),
        ChangesRequest.Token(Position + "#" + TodoId, List, "todo-todos"),
        // Not tokens at all.
        "bm90LWEtdG9rZW4",
        "%%%",
        "",
    };

    [Theory]
    [MemberData(nameof(MadeUpTokens))]
    public void Anything_else_is_refused_as_made_up_before_anything_is_read(string token)
    {
        var errors = new Dictionary<string, string>();

        var request = ChangesRequest.Read(new APIGatewayProxyRequest { QueryStringParameters = new() { ["after"] = token } }, List, Tables, errors);

        Assert.Null(request);
        Assert.Equal("is not a token this API gave out", errors["after"]);
    }

    [Theory]
    [InlineData("00000000-0000-0000-0000-000000000000")]
    [InlineData("7f3c2a9e-4b1d-4c8e-9a51-2d6f0b3e8c11")]
    [InlineData("ffffffff-ffff-ffff-ffff-fffffffffffe")]
    public void The_horizon_is_past_every_change_stamped_in_its_millisecond_and_before_any_of_the_next(string id)
    {
        var todo = Guid.Parse(id);
        var horizon = ChangesRequest.HorizonKey(At);

        Assert.True(string.CompareOrdinal(TodoTable.ChangeKeyOf(todo, At), horizon) < 0);
        Assert.True(string.CompareOrdinal(TodoTable.ChangeKeyOf(todo, At.AddTicks(9_999)), horizon) < 0);
        Assert.True(string.CompareOrdinal(horizon, TodoTable.ChangeKeyOf(todo, At.AddMilliseconds(1))) < 0);
    }

    [Fact]
    public void The_next_token_is_the_horizon_once_everything_up_to_it_was_read()
    {
        var horizon = ChangesRequest.HorizonKey(At);

        Assert.Equal(horizon, new ChangesRequest(10, Position, "todo-todos").Next(horizon, lastAnswered: Position, reachedHorizon: true));
        Assert.Equal(horizon, new ChangesRequest(10, null, "todo-todos").Next(horizon, lastAnswered: null, reachedHorizon: true));
    }

    [Fact]
    public void A_full_page_goes_on_after_its_last_change()
    {
        var last = TodoTable.ChangeKeyOf(TodoId, At.AddMilliseconds(-5));

        Assert.Equal(last, new ChangesRequest(1, null, "todo-todos").Next(ChangesRequest.HorizonKey(At), lastAnswered: last, reachedHorizon: false));
    }

    [Fact]
    public void A_token_at_or_past_the_horizon_reads_nothing_and_stays_where_it_is()
    {
        // A horizon of a clock a little behind the one that gave the token out.
        var behind = ChangesRequest.HorizonKey(At.AddMilliseconds(-3));
        var asked = new ChangesRequest(10, ChangesRequest.HorizonKey(At), "todo-todos");

        Assert.False(asked.Reads(behind));
        Assert.False(asked.Reads(ChangesRequest.HorizonKey(At)));
        Assert.True(asked.Reads(ChangesRequest.HorizonKey(At.AddMilliseconds(1))));
        Assert.True(new ChangesRequest(10, null, "todo-todos").Reads(behind));
        Assert.Equal(asked.After, asked.Next(behind, lastAnswered: null, reachedHorizon: false));
    }
}
