using Todo.Benchmarks.Api;
using Todo.Harness.Seeding;

namespace Todo.Benchmarks.Engine;

/// <summary>
/// A fresh engine and host run their first requests through the JIT (Java's and .NET's) many times
/// slower than later ones: a few rounds of each request first, so figures describe the warm system.
/// </summary>
public static class EngineWarmup
{
    public static async Task RunAsync(TodoHttp api, RawWrites raw, int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            await raw.PutAsync();
            var created = await api.CreateAsync(FixtureText.Standard);
            if (created.Token is { TodoId: var id })
            {
                await api.UpdateAsync(id, FixtureText.Standard + "!", true);
                await api.GetAsync(id);
            }
        }
    }
}
