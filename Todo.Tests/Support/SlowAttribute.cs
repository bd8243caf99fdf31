using Xunit.Abstractions;
using Xunit.Sdk;

namespace Todo.Tests.Support;

/// <summary>
/// Marks a test class as slow: it needs an outside process or real I/O (DynamoDB Local, Chromium, a
/// function executable, the benchmarks) or takes more than about a second. It is the trait
/// <c>Category=Slow</c>, which <c>./test.sh --fast</c> leaves out with <c>--filter "Category!=Slow"</c>.
/// </summary>
[TraitDiscoverer("Todo.Tests.Support.SlowTraitDiscoverer", "Todo.Tests")]
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SlowAttribute : Attribute, ITraitAttribute
{
    public const string Name = "Category";
    public const string Value = "Slow";
}

/// <summary>Gives a <see cref="SlowAttribute"/>'s class its trait.</summary>
public sealed class SlowTraitDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) =>
        [new(SlowAttribute.Name, SlowAttribute.Value)];
}
