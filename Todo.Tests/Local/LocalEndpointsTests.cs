using System.Text.Json;
using Todo.LocalStack;

namespace Todo.Tests.Local;

/// <summary>The endpoints file's one shape: the tables always, the user pool only when users sign in.</summary>
public sealed class LocalEndpointsTests
{
    private static readonly Dictionary<string, string> Tables = new() { ["EventsTable"] = "todo-local-events" };

    [Fact]
    public void The_open_API_has_no_cognito_entry_and_sign_in_has_the_documented_one()
    {
        var open = JsonDocument.Parse(new LocalEndpoints("http://127.0.0.1:8000/", "eu-west-1", Tables).ToJson()).RootElement;
        var signIn = JsonDocument.Parse(new LocalEndpoints("http://127.0.0.1:8000/", "eu-west-1", Tables,
            new CognitoEndpoint("http://127.0.0.1:9229/", "local_5KH9hkvF", "0idv2m1qhlgt9b364fn775b2f")).ToJson()).RootElement;

        Assert.False(open.TryGetProperty("cognito", out _));
        Assert.Equal("todo-local-events", open.GetProperty("tables").GetProperty("EventsTable").GetString());
        var cognito = signIn.GetProperty("cognito");
        Assert.Equal(["endpoint", "userPoolId", "clientId"], cognito.EnumerateObject().Select(p => p.Name));
        Assert.Equal("local_5KH9hkvF", cognito.GetProperty("userPoolId").GetString());
    }

    [Fact]
    public void What_is_written_is_read_back_whole()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("endpoints-").FullName, LocalEndpoints.RelativePath);
        var written = new LocalEndpoints("http://127.0.0.1:8000/", "eu-west-1", Tables, new CognitoEndpoint("http://127.0.0.1:9229/", "pool", "client"));

        written.WriteTo(file);
        var read = LocalEndpoints.FromJson(File.ReadAllText(file));
        Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(file))!, recursive: true);

        Assert.Equal(written.Cognito, read.Cognito);
        Assert.Equal(written.Tables, read.Tables);
        Assert.Equal(written.DynamoDbUrl, read.DynamoDbUrl);
    }
}
