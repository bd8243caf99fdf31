using Amazon.DynamoDBv2.Model;

namespace Todo.Local.Template;

/// <summary>What the local host runs, as template.yaml declares it.</summary>
public sealed record SamTemplate(
    IReadOnlyList<TableDefinition> Tables,
    IReadOnlyList<FunctionDefinition> Functions,
    CorsConfiguration? Cors);

/// <summary>A table, the request that creates it, and the attribute its items expire by (TTL), if any.</summary>
public sealed record TableDefinition(string LogicalId, CreateTableRequest Create, string? TimeToLiveAttribute = null);

/// <param name="MemorySize">MB, Lambda's default 128 unless the template says.</param>
/// <param name="ApplicationLogLevel">The LoggingConfig's level, which Lambda passes as AWS_LAMBDA_LOG_LEVEL.</param>
public sealed record FunctionDefinition(
    string LogicalId,
    string CodeUri,
    string Handler,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<ApiRoute> Routes,
    IReadOnlyList<StreamMapping> Streams,
    int MemorySize = 128,
    string? ApplicationLogLevel = null);

/// <summary>An <c>Api</c> event: a method on a resource path such as <c>/api/todos/{id}</c>.</summary>
public sealed record ApiRoute(string Path, string Method);

/// <summary>A <c>DynamoDB</c> event: the event source mapping from a table's stream to the function.</summary>
public sealed record StreamMapping(
    string TableLogicalId,
    string StartingPosition,
    int BatchSize,
    bool ReportBatchItemFailures,
    int MaximumRetryAttempts);

/// <summary>The API's CORS settings, which API Gateway answers preflight requests with.</summary>
public sealed record CorsConfiguration(string AllowOrigin, string AllowMethods, string AllowHeaders, string? MaxAge);
