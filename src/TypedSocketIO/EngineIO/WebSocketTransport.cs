using System.Buffers;
using System.Net.WebSockets;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.EngineIO;

/// <summary>The WebSocket transport: one Engine.IO packet per frame, a reader and a writer loop per session.</summary>
internal static class WebSocketTransport
{
    private static readonly byte[] ProbePing = "2probe"u8.ToArray();
    private static readonly byte[] ProbePong = "3probe"u8.ToArray();

    /// <summary>Runs a session whose transport is this WebSocket until either side closes.</summary>
    public static async Task RunAsync(EngineIOConnection connection, WebSocket socket, CancellationToken requestAborted)
    {
        using var reader = new FrameReader(socket, connection.Server.Options.MaxPayload);
        await PumpAsync(connection, socket, reader, requestAborted).ConfigureAwait(false);
    }

    /// <summary>How long a closed session waits for the client's half of the close handshake before dropping the connection.</summary>
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Runs the reader and the writer until the session ends. The writer ends when the session
    /// closes; a client that then neither answers the close nor finishes the frame it started
    /// (a stalled or hostile one) is cut off, so that no connection outlives its session.
    /// </summary>
    private static async Task PumpAsync(EngineIOConnection connection, WebSocket socket, FrameReader frames, CancellationToken requestAborted)
    {
        var reading = ReadLoopAsync(connection, socket, frames, requestAborted);
        await WriteLoopAsync(connection, socket).ConfigureAwait(false);
        if (await Task.WhenAny(reading, Task.Delay(CloseGrace)).ConfigureAwait(false) != reading)
        {
            socket.Abort();
        }

        await reading.ConfigureAwait(false);
    }

    /// <summary>Upgrades a polling session: probe, release the pending poll, wait for the upgrade packet.</summary>
    public static async Task UpgradeAsync(EngineIOConnection connection, WebSocket socket, CancellationToken requestAborted)
    {
        using var reader = new FrameReader(socket, connection.Server.Options.MaxPayload);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeout.CancelAfter(connection.Server.Options.UpgradeTimeout);
        try
        {
            while (true)
            {
                var frame = await reader.ReadAsync(timeout.Token).ConfigureAwait(false);
                if (frame is not { IsBinary: false } text)
                {
                    throw new WebSocketException("upgrade interrupted");
                }

                if (text.Data.Span.SequenceEqual(ProbePing))
                {
                    await socket.SendAsync(ProbePong, WebSocketMessageType.Text, true, timeout.Token).ConfigureAwait(false);
                    connection.ReleasePoll();
                }
                else if (text.Data.Length == 1 && text.Data.Span[0] == (byte)'0' + (byte)EnginePacketType.Upgrade)
                {
                    break;
                }
                else
                {
                    throw new WebSocketException("unexpected packet during upgrade");
                }
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException)
        {
            connection.AbortUpgrade();
            socket.Abort();
            return;
        }

        connection.CompleteUpgrade();
        connection.Server.Log.Upgraded(connection.Id);
        await PumpAsync(connection, socket, reader, requestAborted).ConfigureAwait(false);
    }

    private static async Task ReadLoopAsync(EngineIOConnection connection, WebSocket socket, FrameReader reader, CancellationToken requestAborted)
    {
        var reason = EngineIOCloseReason.TransportClose;
        try
        {
            while (connection.IsOpen)
            {
                var frame = await reader.ReadAsync(requestAborted).ConfigureAwait(false);
                if (frame is null)
                {
                    if (reader.TooLarge)
                    {
                        connection.Server.Log.PayloadTooLarge(connection.Id, connection.Server.Options.MaxPayload);
                        reason = EngineIOCloseReason.TransportError;
                        await CloseQuietlyAsync(socket, WebSocketCloseStatus.MessageTooBig).ConfigureAwait(false);
                    }

                    break;
                }

                await connection.ReceiveAsync(frame.Value.Data, frame.Value.IsBinary).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or IOException)
        {
            connection.Server.Log.WebSocketFailed(exception, connection.Id);
            reason = EngineIOCloseReason.TransportClose;
        }
        finally
        {
            connection.Close(reason);
        }
    }

    private static async Task WriteLoopAsync(EngineIOConnection connection, WebSocket socket)
    {
        var spare = new List<EngineFrame>();
        try
        {
            while (await connection.Queue.WaitForDataAsync(CancellationToken.None).ConfigureAwait(false))
            {
                var frames = connection.Queue.Drain(spare);
                foreach (var frame in frames)
                {
                    var type = frame.IsBinary ? WebSocketMessageType.Binary : WebSocketMessageType.Text;
                    await socket.SendAsync(frame.Data, type, true, CancellationToken.None).ConfigureAwait(false);
                }

                frames.Clear();
                spare = frames;
            }

            await CloseQuietlyAsync(socket, WebSocketCloseStatus.NormalClosure).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            connection.Close(EngineIOCloseReason.TransportError);
            socket.Abort();
        }
    }

    private static async Task CloseQuietlyAsync(WebSocket socket, WebSocketCloseStatus status)
    {
        if (socket.State is not (WebSocketState.Open or WebSocketState.CloseReceived))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await socket.CloseOutputAsync(status, null, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException)
        {
            socket.Abort();
        }
    }

    /// <summary>Reads whole messages, refusing any longer than the payload limit.</summary>
    private sealed class FrameReader(WebSocket socket, int maxPayload) : IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(4096);

        public bool TooLarge { get; private set; }

        /// <summary>The next message (its bytes copied out, so the caller owns them), or null at close.</summary>
        public async ValueTask<(ReadOnlyMemory<byte> Data, bool IsBinary)?> ReadAsync(CancellationToken cancellationToken)
        {
            var length = 0;
            while (true)
            {
                if (length == _buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(_buffer.Length * 2);
                    _buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = larger;
                }

                var result = await socket.ReceiveAsync(_buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return null;
                }

                length += result.Count;
                if (length > maxPayload)
                {
                    TooLarge = true;
                    return null;
                }

                if (result.EndOfMessage)
                {
                    return (_buffer.AsSpan(0, length).ToArray(), result.MessageType == WebSocketMessageType.Binary);
                }
            }
        }

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
