namespace Todo.Local;

/// <summary>The account, region and credentials of the local stack. DynamoDB Local runs with -sharedDb, so any would do; these are fixed so ARNs are stable.</summary>
public static class LocalAws
{
    public const string Region = "us-east-1";
    public const string AccountId = "123456789012";
    public const string AccessKey = "local";
    public const string SecretKey = "local";

    public static string FunctionArn(string functionName) => $"arn:aws:lambda:{Region}:{AccountId}:function:{functionName}";
}
