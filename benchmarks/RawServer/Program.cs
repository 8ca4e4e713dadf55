using System.Buffers;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Threading.Channels;

// The raw ceiling: Kestrel's WebSocket server with just enough Engine.IO / Socket.IO to be driven
// by the same load generator. It sends the Engine.IO open packet, answers the Socket.IO CONNECT
// of "/", answers pings, and handles the two benchmark events by slicing bytes:
//   42<id>["echo",<args>]       → 43<id>[<args>]
//   42<id>["broadcast",<args>]  → 42["msg",<args>] to every other connected socket, then 43<id>[]
// Each outgoing message is encoded once (a broadcast's bytes are shared by every target) and
// queued to the connection's writer, as a real server would. No heartbeat timers, no rooms, no
// validation beyond what routing needs: this is what the socket layer costs when it costs nothing.
// Usage: RawServer --urls http://127.0.0.1:5103
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();
app.UseWebSockets();

var connections = new ConcurrentDictionary<long, RawConnection>();
long nextId = 0;

app.Map("/socket.io", async context =>
{
    if (!context.WebSockets.IsWebSocketRequest || context.Request.Query["transport"] != "websocket")
    {
        context.Response.StatusCode = 400;
        return;
    }

    using var socket = await context.WebSockets.AcceptWebSocketAsync();
    var connection = new RawConnection(Interlocked.Increment(ref nextId), socket);
    connection.Enqueue(RawConnection.OpenPacket());
    var writer = connection.WriteLoopAsync();
    try
    {
        await connection.ReadLoopAsync(connections);
    }
    catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException)
    {
    }
    finally
    {
        connections.TryRemove(connection.Id, out _);
        connection.Complete();
    }

    await writer;
});

app.MapGet("/bench/stats", () => Results.Text(RawConnection.StatsJson(), "application/json"));
app.MapGet("/bench/gc", () =>
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    return Results.Text(RawConnection.StatsJson(), "application/json");
});

app.Run();

internal sealed class RawConnection(long id, WebSocket socket)
{
    private static readonly byte[] Pong = "3"u8.ToArray();
    private static readonly byte[] EmptyAckSuffix = "[]"u8.ToArray();

    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private volatile bool _joined;

    public long Id => id;

    public static byte[] OpenPacket()
    {
        var sid = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
        return System.Text.Encoding.UTF8.GetBytes(
            "0{\"sid\":\"" + sid + "\",\"upgrades\":[],\"pingInterval\":25000,\"pingTimeout\":20000,\"maxPayload\":1000000}");
    }

    public static string StatsJson() => string.Create(CultureInfo.InvariantCulture,
        $"{{\"allocatedBytes\":{GC.GetTotalAllocatedBytes(precise: false)},\"heapBytes\":{GC.GetTotalMemory(false)},\"gen0\":{GC.CollectionCount(0)},\"gen1\":{GC.CollectionCount(1)},\"gen2\":{GC.CollectionCount(2)},\"threads\":{ThreadPool.ThreadCount},\"committedBytes\":{GC.GetGCMemoryInfo().TotalCommittedBytes},\"fragmentedBytes\":{GC.GetGCMemoryInfo().FragmentedBytes}}}");

    public void Enqueue(byte[] message) => _outgoing.Writer.TryWrite(message);

    public void Complete() => _outgoing.Writer.TryComplete();

    public async Task WriteLoopAsync()
    {
        var reader = _outgoing.Reader;
        try
        {
            while (await reader.WaitToReadAsync())
            {
                while (reader.TryRead(out var message))
                {
                    await socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None);
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            socket.Abort();
        }
    }

    public async Task ReadLoopAsync(ConcurrentDictionary<long, RawConnection> connections)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(4 * 1024);
        try
        {
            while (true)
            {
                var length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    result = await socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    length += result.Count;
                }
                while (!result.EndOfMessage);

                Handle(buffer.AsSpan(0, length), connections);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Handle(ReadOnlySpan<byte> message, ConcurrentDictionary<long, RawConnection> connections)
    {
        if (message.Length == 1 && message[0] == (byte)'2')
        {
            Enqueue(Pong);
            return;
        }

        if (message.Length < 2 || message[0] != (byte)'4')
        {
            return; // pongs and anything else
        }

        if (message[1] == (byte)'0')
        {
            // Socket.IO CONNECT to "/": answer with a socket id and join the broadcast set.
            var sid = Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', '-').Replace('/', '_');
            Enqueue(System.Text.Encoding.UTF8.GetBytes("40{\"sid\":\"" + sid + "\"}"));
            _joined = true;
            connections[id] = this;
            return;
        }

        if (message[1] != (byte)'2' || !_joined)
        {
            return;
        }

        // 42<id>["name",<args>]
        var bracket = message.IndexOf((byte)'[');
        if (bracket < 2)
        {
            return;
        }

        var ackId = message[2..bracket];
        var body = message[(bracket + 1)..]; // "name",<args>]
        if (body.StartsWith("\"echo\","u8))
        {
            // 43<id>[<args>]
            var args = body[7..];
            var reply = new byte[2 + ackId.Length + 1 + args.Length];
            "43"u8.CopyTo(reply);
            ackId.CopyTo(reply.AsSpan(2));
            reply[2 + ackId.Length] = (byte)'[';
            args.CopyTo(reply.AsSpan(3 + ackId.Length));
            Enqueue(reply);
        }
        else if (body.StartsWith("\"broadcast\","u8))
        {
            // 42["msg",<args>] once, the same bytes for every other socket.
            var args = body[12..];
            var packet = new byte[9 + args.Length];
            "42[\"msg\","u8.CopyTo(packet);
            args.CopyTo(packet.AsSpan(9));
            foreach (var (otherId, other) in connections)
            {
                if (otherId != id)
                {
                    other.Enqueue(packet);
                }
            }

            if (ackId.Length > 0)
            {
                var ack = new byte[2 + ackId.Length + 2];
                "43"u8.CopyTo(ack);
                ackId.CopyTo(ack.AsSpan(2));
                EmptyAckSuffix.CopyTo(ack.AsSpan(2 + ackId.Length));
                Enqueue(ack);
            }
        }
    }
}
