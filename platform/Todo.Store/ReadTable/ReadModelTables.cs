using Amazon.DynamoDBv2;

namespace Todo.Store.ReadTable;

/// <summary>Where the read model is: the pointer table and the two read tables it chooses between.</summary>
public sealed record ReadModelTables(string PointerTable, ReadTables Tables)
{
    /// <param name="required">Reads a variable that must be set, given what it holds (for the error that names it).</param>
    public static ReadModelTables From(Func<string, string, string> required) => new(
        required(ReadPointer.EnvironmentVariable, "the name of the read pointer table"),
        new ReadTables(
            required(TodoTable.EnvironmentVariable, "the name of the first read table"),
            required(ReadPointer.SecondTableVariable, "the name of the second read table")));

    /// <summary>The pointer, read through the function's clock.</summary>
    public ReadPointer Pointer(IAmazonDynamoDB dynamoDb, TimeProvider clock) => new(dynamoDb, PointerTable, Tables, clock);
}
