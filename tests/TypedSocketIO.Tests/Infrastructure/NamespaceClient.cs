namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>Raw WebSocket clients joined to a namespace, for tests that drive the server's side and read the exact wire.</summary>
public static class NamespaceClient
{
    /// <summary>Opens a WebSocket session, connects it to <paramref name="ns"/> and returns it with its socket id there.</summary>
    public static async Task<(RawWebSocketClient Client, string SocketId)> ConnectAsync(string baseUrl, string ns, string path = "/socket.io/")
    {
        var client = await RawWebSocketClient.ConnectAsync(baseUrl, path: path);
        try
        {
            Assert.StartsWith("0{", await client.ReceiveTextAsync());
            var prefix = ns == "/" ? "40" : $"40{ns},";
            await client.SendTextAsync(prefix);
            var connected = await client.ReceiveUntilAsync(p => p.StartsWith(prefix + "{", StringComparison.Ordinal));
            Assert.True(connected is not null, $"the server closed the session instead of connecting it to {ns}");
            return (client, Hardening.SlowClientTests.ConnectedSid(connected));
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>The prefix of an EVENT packet of <paramref name="ns"/> on the wire (<c>42</c> or <c>42/chat,</c>).</summary>
    public static string EventPrefix(string ns) => ns == "/" ? "42" : $"42{ns},";

    /// <summary>
    /// Every packet (pings aside) that arrives before <paramref name="marker"/>, which the test sends
    /// last: a connection delivers in order, so what is not in the list was never sent to this client.
    /// </summary>
    public static async Task<List<string>> PacketsBeforeAsync(this RawWebSocketClient client, string marker)
    {
        var packets = new List<string>();
        var end = await client.ReceiveUntilAsync(packet =>
        {
            if (packet == marker)
            {
                return true;
            }

            packets.Add(packet);
            return false;
        });
        Assert.True(end is not null, $"the connection closed before {marker}; it had received: {string.Join(" | ", packets)}");
        packets.RemoveAll(packet => packet == "2");
        return packets;
    }
}
