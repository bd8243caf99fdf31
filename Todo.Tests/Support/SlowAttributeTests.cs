using System.Reflection;
using Todo.Tests.Browser;

namespace Todo.Tests.Support;

/// <summary>./test.sh --fast must not start DynamoDB Local or Chromium: every class built on them is marked slow.</summary>
public sealed class SlowAttributeTests
{
    private static readonly Type[] SlowFixtures = [typeof(LocalAppFixture), typeof(ChromiumFixture)];

    private static IEnumerable<Type> TestClasses => typeof(SlowAttributeTests).Assembly.GetTypes()
        .Where(type => type.GetMethods().Any(method => method.GetCustomAttributes<FactAttribute>().Any()));

    [Fact]
    public void Every_test_class_with_a_local_app_or_a_browser_is_marked_slow()
    {
        var unmarked = TestClasses
            .Where(type => type.GetConstructors().SelectMany(c => c.GetParameters())
                .Any(parameter => SlowFixtures.Any(fixture => fixture.IsAssignableFrom(parameter.ParameterType))))
            .Where(type => type.GetCustomAttribute<SlowAttribute>() is null)
            .Select(type => type.FullName);

        Assert.Empty(unmarked);
    }

    [Fact]
    public void The_fast_run_leaves_out_the_classes_marked_slow()
    {
        var trait = Assert.Single(new SlowTraitDiscoverer().GetTraits(null!));

        Assert.Contains($"--filter \"{trait.Key}!={trait.Value}\"", File.ReadAllText(Path.Combine(Repository.Root, "test.sh")));
    }
}
