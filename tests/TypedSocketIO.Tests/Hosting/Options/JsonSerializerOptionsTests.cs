using System.Text.Json;
using TypedSocketIO.Dispatch;
using TypedSocketIO.Tests.Infrastructure;

namespace TypedSocketIO.Tests.Hosting.Options;

/// <summary><see cref="SocketIOOptions.JsonSerializerOptions"/>: the settings every argument is read and written with.</summary>
public sealed class JsonSerializerOptionsTests
{
    public sealed record Reading(double TemperatureValue, string UnitName);

    [Fact]
    public async Task A_naming_policy_set_in_the_options_shapes_what_is_written_and_what_is_read()
    {
        await using var server = await MinimalServer.StartAsync(configure: options =>
            options.JsonSerializerOptions = new JsonSerializerOptions(SocketIOJson.CreateOptions()) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower });
        server.SocketIO.Of("/json").On("convert", async e =>
        {
            var reading = e.Arguments.Get<Reading>(0)!;
            await e.AckAsync(reading with { TemperatureValue = reading.TemperatureValue * 9 / 5 + 32, UnitName = "Fahrenheit" });
        });
        var (client, _) = await NamespaceClient.ConnectAsync(server.BaseUrl, "/json");
        await using var _1 = client;

        await client.SendTextAsync("42/json,1[\"convert\",{\"temperature_value\":20,\"unit_name\":\"Celsius\"}]");

        Assert.Equal(
            "43/json,1[{\"temperature_value\":68,\"unit_name\":\"Fahrenheit\"}]",
            await client.ReceiveUntilAsync(p => p.StartsWith("43/", StringComparison.Ordinal)));
        Assert.True(server.SocketIO.JsonOptions.IsReadOnly, "the server froze its settings so that no one changes them under it");
        Assert.Same(server.SocketIO.Options.JsonSerializerOptions, server.SocketIO.JsonOptions);
    }
}
