using System.Buffers;
using Microsoft.AspNetCore.Connections;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// Writes a WebSocket session's queue. A round runs on the thread pool when the queue has
/// something to send, writes until it is empty, and ends; writes usually complete at once, so a
/// round allocates nothing and no writer is left waiting between rounds. Once the session is
/// over, the last round sends the close frame.
/// </summary>
internal static class WebSocketWriter
{
    /// <summary>The most a round gathers into one write.</summary>
    private const int BatchSize = 64 * 1024;

    /// <summary>One round: the queue's frames (and a pong, if a ping is waiting for one), until nothing is left.</summary>
    public static async Task DrainAsync(ServerWebSocket socket)
    {
        var connection = socket.Connection;
        var queue = connection.Queue;
        try
        {
            while (true)
            {
                var frames = queue.Drain(socket.TakeSpare());
                var pong = socket.TakePong();
                if (frames.Count > 0 || pong is not null)
                {
                    await WriteFramesAsync(socket.Stream, frames, pong).ConfigureAwait(false);
                    connection.Server.Metrics.PacketsSent(EngineIOTransports.WebSocket, frames);
                }

                socket.ReturnSpare(frames);
                if (queue.TryEndDrain())
                {
                    return;
                }

                // The round cannot end: more came, or the session is over (asked only then, to
                // keep the usual round at two trips through the queue's lock).
                if (queue.IsFinished)
                {
                    await CloseAsync(socket).ConfigureAwait(false);
                    return;
                }
            }
        }
        catch (Exception exception) when (IsTransportFailure(exception))
        {
            connection.Close(EngineIOCloseReason.TransportError);
            socket.Abort();
            socket.FinishWriting();
        }
        catch (Exception exception)
        {
            connection.Server.Log.HandlerFailed(exception, connection.Id);
            connection.Close(EngineIOCloseReason.TransportError);
            socket.Abort();
            socket.FinishWriting();
        }
    }

    /// <summary>Sends the close frame (within the session's close grace: a client that does not read loses its connection).</summary>
    private static async Task CloseAsync(ServerWebSocket socket)
    {
        var close = new byte[4];
        WebSocketFrames.WriteCloseFrame(close, socket.CloseStatus);
        await socket.Stream.WriteAsync(close).ConfigureAwait(false);
        socket.FinishWriting();
    }

    /// <summary>
    /// Writes the frames gathered into as few writes as possible (each write is a flush): into a
    /// pooled batch, except a frame too large for one, whose payload is written from its own bytes.
    /// </summary>
    private static async ValueTask WriteFramesAsync(Stream stream, List<EngineFrame> frames, byte[]? pong)
    {
        long total = pong is null ? 0 : WebSocketFrames.MaxServerHeaderLength + pong.Length;
        foreach (var frame in frames)
        {
            total += WebSocketFrames.MaxServerHeaderLength + frame.Data.Length;
        }

        var batch = ArrayPool<byte>.Shared.Rent((int)Math.Min(total, BatchSize));
        try
        {
            var used = 0;
            if (pong is not null)
            {
                used += WebSocketFrames.WriteFrame(batch, WebSocketOpcode.Pong, pong);
            }

            foreach (var frame in frames)
            {
                var opcode = frame.IsBinary ? WebSocketOpcode.Binary : WebSocketOpcode.Text;
                var needed = WebSocketFrames.MaxServerHeaderLength + frame.Data.Length;
                if (used + needed > batch.Length && used > 0)
                {
                    await stream.WriteAsync(batch.AsMemory(0, used)).ConfigureAwait(false);
                    used = 0;
                }

                if (needed > batch.Length)
                {
                    var header = WebSocketFrames.WriteHeader(batch, opcode, frame.Data.Length);
                    await stream.WriteAsync(batch.AsMemory(0, header)).ConfigureAwait(false);
                    await stream.WriteAsync(frame.Data).ConfigureAwait(false);
                    continue;
                }

                used += WebSocketFrames.WriteFrame(batch.AsSpan(used), opcode, frame.Data.Span);
            }

            if (used > 0)
            {
                await stream.WriteAsync(batch.AsMemory(0, used)).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(batch);
        }
    }

    internal static bool IsTransportFailure(Exception exception) =>
        exception is IOException or ConnectionAbortedException or OperationCanceledException or ObjectDisposedException;
}
