namespace Todo.Local.Template;

/// <summary>An unresolved <c>!GetAtt Resource.Attribute</c>: its value exists only once the resource does.</summary>
public sealed record GetAtt(string Resource, string Attribute)
{
    public override string ToString() => $"{Resource}.{Attribute}";
}
