using Todo.Local.Waf;
using Amazon.DynamoDBv2.Model;

namespace Todo.Local.Template;

/// <summary>What the local host runs, as template.yaml declares it.</summary>
/// <param name="Authorizer">The API's default Cognito authorizer; null for an open API (<c>AuthMode=none</c>).</param>
/// <param name="SecurityHeaders">The headers CloudFront adds to every answer (its response headers policy); none without one.</param>
/// <param name="Firewall">The AWS WAF web ACL on the API's stage; null without one.</param>
/// <param name="Parameters">Every parameter's value, given or default.</param>
/// <param name="Live">The WebSocket API; null without one.</param>
/// <param name="ApiOriginHeaders">The headers CloudFront adds to every request it sends to the API (its origin's custom headers).</param>
public sealed record SamTemplate(
    IReadOnlyList<TableDefinition> Tables,
    IReadOnlyList<FunctionDefinition> Functions,
    CorsConfiguration? Cors,
    CognitoAuthorizerDefinition? Authorizer = null,
    IReadOnlyDictionary<string, string>? SecurityHeaders = null,
    WebAcl? Firewall = null,
    IReadOnlyDictionary<string, string>? ApiOriginHeaders = null,
    IReadOnlyDictionary<string, string>? Parameters = null,
    LiveApiDefinition? Live = null);

/// <summary>A table, the request that creates it, and the attribute its items expire by (TTL), if any.</summary>
public sealed record TableDefinition(string LogicalId, CreateTableRequest Create, string? TimeToLiveAttribute = null);

/// <param name="MemorySize">MB, Lambda's default 128 unless the template says.</param>
/// <param name="ApplicationLogLevel">The LoggingConfig's level, which Lambda passes as AWS_LAMBDA_LOG_LEVEL.</param>
/// <param name="ReservedConcurrentExecutions">
/// The function's reserved concurrency, its ceiling in AWS; null for none. Read and checked, not enforced: an invocation
/// here runs JIT-compiled on a shared machine, so counting those in flight would throttle loads Lambda serves.
/// </param>
public sealed record FunctionDefinition(
    string LogicalId,
    string CodeUri,
    string Handler,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyList<ApiRoute> Routes,
    IReadOnlyList<StreamMapping> Streams,
    int MemorySize = 128,
    string? ApplicationLogLevel = null,
    int? ReservedConcurrentExecutions = null);

/// <summary>An <c>Api</c> event: a method on a resource path such as <c>/api/todos/{id}</c>.</summary>
/// <param name="Authorized">Whether the API's authorizer guards it: every route when there is one, unless its event says <c>Auth: { Authorizer: NONE }</c>.</param>
public sealed record ApiRoute(string Path, string Method, bool Authorized = false);

/// <summary>
/// A Cognito user-pool authorizer: the header it reads the ID token from, the pool and app client (as
/// the template declares them) whose tokens it accepts, and the headers of its 401 (the template's
/// <c>GatewayResponses.UNAUTHORIZED</c>).
/// </summary>
/// <param name="ValidationExpression">
/// The <c>Identity.ValidationExpression</c> the token's <c>aud</c> must match, as read: a Ref to the app client
/// stands there as the client's logical id, since the client's id exists only once cognito-local has made it.
/// </param>
public sealed record CognitoAuthorizerDefinition(
    string Header,
    CognitoResource Pool,
    CognitoResource Client,
    IReadOnlyDictionary<string, string> UnauthorizedHeaders,
    string? ValidationExpression = null);

/// <summary>An <c>AWS::Cognito::UserPool</c> or <c>UserPoolClient</c> and its resolved properties.</summary>
public sealed record CognitoResource(string LogicalId, IReadOnlyDictionary<string, object?> Properties);

/// <summary>A <c>DynamoDB</c> event: the event source mapping from a table's stream to the function.</summary>
public sealed record StreamMapping(
    string TableLogicalId,
    string StartingPosition,
    int BatchSize,
    bool ReportBatchItemFailures,
    int MaximumRetryAttempts);

/// <summary>The API's CORS settings, which API Gateway answers preflight requests with.</summary>
public sealed record CorsConfiguration(string AllowOrigin, string AllowMethods, string AllowHeaders, string? MaxAge);
