using TypedSocketIO.AdminUI.Tests.Infrastructure;

namespace TypedSocketIO.AdminUI.Tests;

/// <summary>
/// The admin namespace against the npm socket.io-client playing the Admin UI's socket (the
/// scripts of tests/js/admin), checking what Node's @socket.io/admin-ui 0.5 sends and accepts.
/// </summary>
public sealed class AdminNamespaceTests
{
    [Fact]
    public async Task Wrong_credentials_are_refused_with_invalid_credentials_and_a_login_with_a_bcryptjs_hash_gets_a_session_to_reconnect_with()
    {
        // The hash made by bcryptjs, as a Node user of the admin UI has it in their configuration.
        var hashed = await NodeRunner.RunAsync("admin/bcrypt-hash.mjs", TimeSpan.FromSeconds(30), AdminServer.Password);
        Assert.True(hashed.ExitCode == 0, hashed.Output);
        Assert.StartsWith("$2", hashed.Stdout);
        await using var server = await AdminServer.StartAsync(configure: options => options.PasswordHash = hashed.Stdout.Trim());

        await server.RunScriptAsync("auth", AdminServer.Password);
    }

    [Fact]
    public async Task A_wrong_password_is_answered_with_the_CONNECT_ERROR_packet_Node_sends()
    {
        await using var server = await AdminServer.StartAsync();
        await using var client = await WireClient.OpenAsync(server.BaseUrl);

        await client.SendAsync("40/admin,{\"username\":\"admin\",\"password\":\"wrong\"}");

        Assert.Equal("44/admin,{\"message\":\"invalid credentials\"}", await client.ReceiveStartingWithAsync("4"));
        Assert.Empty(server.SocketIO.Of("/admin").SocketsById);
    }

    [Fact]
    public async Task Development_mode_lists_the_sockets_and_reports_every_connection_upgrade_data_room_event_and_disconnection()
    {
        await using var server = await AdminServer.StartAsync(AdminUIMode.Development);
        server.SocketIO.Of("/later"); // made after the instrumentation started

        await server.RunScriptAsync("development-events", AdminServer.Password);
    }

    [Fact]
    public async Task Production_mode_sends_the_statistics_and_none_of_the_development_events()
    {
        await using var server = await AdminServer.StartAsync(AdminUIMode.Production);

        await server.RunScriptAsync("production", AdminServer.Password);
    }

    [Fact]
    public async Task The_actions_join_leave_emit_and_disconnect_work_with_and_without_filters()
    {
        await using var server = await AdminServer.StartAsync();

        await server.RunScriptAsync("actions", AdminServer.Password);
    }

    [Fact]
    public async Task Read_only_mode_offers_no_action_and_ignores_the_actions_sent_anyway()
    {
        await using var server = await AdminServer.StartAsync(configure: options => options.ReadOnly = true);

        await server.RunScriptAsync("readonly", AdminServer.Password);
    }

    [Fact]
    public async Task Server_stats_report_the_server_its_clients_namespaces_and_per_second_counts()
    {
        await using var server = await AdminServer.StartAsync(configure: options => options.ServerId = "test-server");

        await server.RunScriptAsync("stats", AdminServer.Password, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), "test-server");
    }

    [Fact]
    public async Task AllowAnonymous_connects_the_admin_namespace_without_credentials()
    {
        await using var server = await AdminServer.StartAsync(configure: options =>
        {
            options.Username = null;
            options.PasswordHash = null;
            options.AllowAnonymous = true;
        });
        await using var client = await WireClient.OpenAsync(server.BaseUrl);

        await client.SendAsync("40/admin,");

        Assert.StartsWith("40/admin,{\"sid\":", await client.ReceiveStartingWithAsync("4"));
        Assert.StartsWith("42/admin,[\"config\",", await client.ReceiveStartingWithAsync("42"));
    }
}
