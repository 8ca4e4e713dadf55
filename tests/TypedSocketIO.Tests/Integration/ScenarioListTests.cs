using System.Text.Json;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Integration;

/// <summary>
/// The committed tests/js/scenarios.json (which decides the scenarios the .NET side runs) lists
/// exactly the scenario files and their transports: a scenario added, removed or given other
/// transports without regenerating the list fails here instead of silently not running.
/// </summary>
public sealed class ScenarioListTests
{
    [Fact]
    public async Task The_committed_scenario_list_matches_the_scenario_files()
    {
        var result = await NodeRunner.RunAsync("run-all.mjs", TimeSpan.FromSeconds(30), "--list");
        Assert.False(result.TimedOut, "node run-all.mjs --list did not finish in 30 s");
        Assert.True(result.ExitCode == 0, $"node run-all.mjs --list failed:\n{result.Stderr}");

        var committed = File.ReadAllText(Path.Combine(RepositoryPaths.JsTests, "scenarios.json"));
        var listed = Describe(result.Stdout);
        var inFile = Describe(committed);

        Assert.True(
            listed.SequenceEqual(inFile),
            "tests/js/scenarios.json is out of date with tests/js/scenarios/; regenerate it with\n"
            + "    cd tests/js && node run-all.mjs --list > scenarios.json\n"
            + $"missing from scenarios.json: {string.Join("; ", listed.Except(inFile))}\n"
            + $"not in the scenario files:   {string.Join("; ", inFile.Except(listed))}");
    }

    /// <summary>One line per scenario, "name: transport, transport", in the list's order.</summary>
    private static List<string> Describe(string json)
    {
        using var list = JsonDocument.Parse(json);
        return [.. list.RootElement.EnumerateArray().Select(scenario =>
            scenario.GetProperty("name").GetString() + ": "
            + string.Join(", ", scenario.GetProperty("transports").EnumerateArray().Select(t => t.GetString())))];
    }
}
