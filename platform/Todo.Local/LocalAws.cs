namespace Todo.Local;

/// <summary>The account, region and credentials of the local stack. DynamoDB Local runs with -sharedDb, so any would do; these are fixed so ARNs are stable.</summary>
public static class LocalAws
{
    public const string Region = "us-east-1";
    public const string AccountId = "123456789012";
    public const string AccessKey = "local";
    public const string SecretKey = "local";

    /// <summary>Lambda gives a function its role's temporary credentials, a session token with them; the local ones have one too.</summary>
    public const string SessionToken = "local";

    public static string FunctionArn(string functionName) => $"arn:aws:lambda:{Region}:{AccountId}:function:{functionName}";

    /// <summary>CloudFormation ends a stack's ARN with an id of its own; the local stack's is fixed, as its account and region are.</summary>
    public static string StackId(string stackName) => $"arn:aws:cloudformation:{Region}:{AccountId}:stack/{stackName}/local";
}
