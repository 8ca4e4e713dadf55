using System.Text.Json;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Integration;

/// <summary>
/// Every scenario of tests/js/scenarios (first proven against Node's socket.io), run with the
/// npm socket.io-client against TypedSocketIO, once per transport. One class per transport so
/// that the three run in parallel, each against its own server.
/// </summary>
public abstract class JsClientScenarioTests(TestServer server) : IClassFixture<TestServer>
{
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromSeconds(45);

    public static TheoryData<string> ScenariosFor(string transport)
    {
        var data = new TheoryData<string>();
        using var list = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.JsTests, "scenarios.json")));
        foreach (var scenario in list.RootElement.EnumerateArray())
        {
            if (scenario.GetProperty("transports").EnumerateArray().Any(t => t.GetString() == transport))
            {
                data.Add(scenario.GetProperty("name").GetString()!);
            }
        }

        return data;
    }

    protected async Task RunScenarioAsync(string name, string transport)
    {
        var result = await NodeRunner.RunAsync($"scenarios/{name}.mjs", ScenarioTimeout, server.BaseUrl, transport);
        Assert.False(result.TimedOut, $"{name} [{transport}] did not finish in {ScenarioTimeout}.\n{result.Stderr}");
        Assert.True(result.ExitCode == 0, $"{name} [{transport}] failed:\n{result.Stderr}\n{result.Stdout}");
    }
}

public sealed class WebSocketScenarios(TestServer server) : JsClientScenarioTests(server)
{
    public static TheoryData<string> Scenarios => ScenariosFor("websocket");

    [Theory]
    [MemberData(nameof(Scenarios))]
    public Task Passes_over_websocket(string scenario) => RunScenarioAsync(scenario, "websocket");
}

public sealed class PollingScenarios(TestServer server) : JsClientScenarioTests(server)
{
    public static TheoryData<string> Scenarios => ScenariosFor("polling");

    [Theory]
    [MemberData(nameof(Scenarios))]
    public Task Passes_over_polling(string scenario) => RunScenarioAsync(scenario, "polling");
}

public sealed class UpgradeScenarios(TestServer server) : JsClientScenarioTests(server)
{
    public static TheoryData<string> Scenarios => ScenariosFor("upgrade");

    [Theory]
    [MemberData(nameof(Scenarios))]
    public Task Passes_over_polling_upgraded_to_websocket(string scenario) => RunScenarioAsync(scenario, "upgrade");
}
