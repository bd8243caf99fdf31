using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Todo.Local;

namespace Todo.Benchmarks.Engine;

/// <summary>A DynamoDB client of the benchmark's own on a local engine, apart from the host's.</summary>
public static class EngineClient
{
    public static AmazonDynamoDBClient Create(Uri serviceUrl) => new(
        new BasicAWSCredentials(LocalAws.AccessKey, LocalAws.SecretKey),
        new AmazonDynamoDBConfig { ServiceURL = serviceUrl.ToString(), AuthenticationRegion = LocalAws.Region });
}
