using Todo.Lambda.APIGatewayEvents;

namespace Todo.Http;

/// <summary>Reads the <c>{id}</c> path parameter. An id that is not a UUID names no todo, so it answers 404 like any unknown id.</summary>
public static class TodoIds
{
    public const string PathParameter = "id";

    public static Guid? FromPath(APIGatewayProxyRequest request) =>
        Guid.TryParseExact(request.PathParameter(PathParameter), "D", out var id) ? id : null;
}
