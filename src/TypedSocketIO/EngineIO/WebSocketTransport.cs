using System.Text.Unicode;
using Microsoft.AspNetCore.Connections;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.EngineIO;

/// <summary>The WebSocket transport: one Engine.IO packet per message, a reader and a writer per session.</summary>
internal static class WebSocketTransport
{
    private static readonly byte[] ProbePing = "2probe"u8.ToArray();
    private static readonly byte[] ProbePong = "3probe"u8.ToArray();

    /// <summary>
    /// Runs a session whose transport is this WebSocket until either side closes. The request
    /// lives as long as the reader: the writer runs only when there is something to send.
    /// </summary>
    public static Task RunAsync(EngineIOConnection connection, ServerWebSocket socket)
    {
        socket.Carry(connection);
        var reader = new WebSocketMessageReader(connection.Server.Options.MaxPayload);
        socket.Reader = reader;
        return ReadLoopAsync(connection, socket, reader);
    }

    /// <summary>Upgrades a polling session: probe, release the pending poll, wait for the upgrade packet.</summary>
    public static async Task UpgradeAsync(EngineIOConnection connection, ServerWebSocket socket, CancellationToken requestAborted)
    {
        var reader = new WebSocketMessageReader(connection.Server.Options.MaxPayload);
        socket.Reader = reader;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        timeout.CancelAfter(connection.Server.Options.UpgradeTimeout);
        try
        {
            while (true)
            {
                var message = await ReadOneAsync(socket.Stream, reader, timeout.Token).ConfigureAwait(false);
                if (message.Kind == MessageKind.Ping)
                {
                    await WriteFrameAsync(socket.Stream, WebSocketOpcode.Pong, message.Data, timeout.Token).ConfigureAwait(false);
                    continue;
                }

                if (message.Kind != MessageKind.Text)
                {
                    throw new ConnectionAbortedException("upgrade interrupted");
                }

                connection.Server.Metrics.PacketReceived(EngineIOTransports.WebSocket, message.Data.Length);

                if (message.Data.Span.SequenceEqual(ProbePing))
                {
                    await WriteFrameAsync(socket.Stream, WebSocketOpcode.Text, ProbePong, timeout.Token).ConfigureAwait(false);
                    connection.Server.Metrics.PacketSent(EngineIOTransports.WebSocket, ProbePong.Length);
                    connection.ReleasePoll();
                }
                else if (message.Data.Length == 1 && message.Data.Span[0] == (byte)'0' + (byte)EnginePacketType.Upgrade)
                {
                    break;
                }
                else
                {
                    throw new ConnectionAbortedException("unexpected packet during upgrade");
                }
            }
        }
        catch (Exception exception) when (IsTransportFailure(exception))
        {
            reader.Release();
            connection.AbortUpgrade();
            socket.Abort();
            return;
        }

        await connection.CompleteUpgradeAsync().ConfigureAwait(false);
        socket.Carry(connection);
        connection.Server.Log.Upgraded(connection.Id);
        connection.Server.Handler.OnUpgraded(connection);
        await ReadLoopAsync(connection, socket, reader).ConfigureAwait(false);
    }

    /// <summary>Closes a WebSocket that will carry no session: an empty close frame (no status, as Node's <c>ws</c> sends), then the connection ends with the request.</summary>
    public static async Task RefuseAsync(ServerWebSocket socket)
    {
        using var grace = new CancellationTokenSource(ServerWebSocket.CloseGrace);
        try
        {
            await WriteFrameAsync(socket.Stream, WebSocketOpcode.Close, ReadOnlyMemory<byte>.Empty, grace.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsTransportFailure(exception))
        {
            // The client is gone already.
        }

        // Returning ends the request, and with it the upgraded connection.
    }

    /// <summary>Writes one frame on its own (while upgrading, before the writer loop owns the stream).</summary>
    private static async ValueTask WriteFrameAsync(Stream stream, WebSocketOpcode opcode, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var frame = new byte[WebSocketFrames.MaxServerHeaderLength + payload.Length];
        var length = WebSocketFrames.WriteFrame(frame, opcode, payload.Span);
        await stream.WriteAsync(frame.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads messages until the client closes, the connection fails, or a protocol error. An idle
    /// session waits here with a zero-byte read: one pending read, with no buffer of its own.
    /// </summary>
    private static async Task ReadLoopAsync(EngineIOConnection connection, ServerWebSocket socket, WebSocketMessageReader reader)
    {
        var reason = EngineIOCloseReason.TransportClose;
        var stream = socket.Stream;
        try
        {
            var done = false;
            while (true)
            {
                // Bytes left from an earlier read (or from the upgrade) may already hold messages.
                while (!done && reader.TryRead(out var message))
                {
                    switch (message.Kind)
                    {
                        case MessageKind.Text when !Utf8.IsValid(message.Data.Span):
                            // RFC 6455 fails a connection whose text is not UTF-8.
                            connection.Server.Log.InvalidPacket(connection.Id);
                            socket.SetCloseStatus(ServerWebSocket.InvalidPayloadData);
                            reason = EngineIOCloseReason.ParseError;
                            done = true;
                            break;
                        case MessageKind.Text or MessageKind.Binary:
                            // After the session closed, the reader only waits for the client's close frame.
                            if (connection.IsOpen)
                            {
                                await connection.ReceiveAsync(message.Data, message.Kind == MessageKind.Binary).ConfigureAwait(false);
                            }

                            break;
                        case MessageKind.Ping:
                            socket.QueuePong(message.Data);
                            connection.Queue.Nudge(); // the writer answers it
                            break;
                        case MessageKind.ProtocolError:
                            connection.Server.Log.InvalidPacket(connection.Id);
                            socket.SetCloseStatus(ServerWebSocket.ProtocolError);
                            reason = EngineIOCloseReason.TransportError;
                            done = true;
                            break;
                        case MessageKind.TooLarge:
                            connection.Server.Log.PayloadTooLarge(connection.Id, connection.Server.Options.MaxPayload);
                            socket.SetCloseStatus(ServerWebSocket.MessageTooBig);
                            reason = EngineIOCloseReason.TransportError;
                            done = true;
                            break;
                        default: // the client's close frame
                            done = true;
                            break;
                    }
                }

                if (done)
                {
                    break;
                }

                if (!reader.HasBufferedBytes)
                {
                    await stream.ReadAsync(Memory<byte>.Empty).ConfigureAwait(false);
                }

                if (!await reader.FillAsync(stream, CancellationToken.None).ConfigureAwait(false))
                {
                    break; // the client went away without a close frame
                }
            }
        }
        catch (Exception exception) when (IsTransportFailure(exception))
        {
            connection.Server.Log.WebSocketFailed(exception, connection.Id);
        }
        catch (Exception exception)
        {
            // A fault of this server, not of the client: logged, and the client told so (1011).
            connection.Server.Log.HandlerFailed(exception, connection.Id);
            socket.SetCloseStatus(ServerWebSocket.InternalError);
            reason = EngineIOCloseReason.TransportError;
        }
        finally
        {
            reader.Release();
            socket.FinishReading();
            connection.Close(reason);
        }

        // The request must outlive the writer's last frame (the close frame, usually): the
        // connection ends with the request.
        await socket.WriterFinished.ConfigureAwait(false);
    }

    /// <summary>Reads one message (or connection event); used while upgrading, before the read loop starts.</summary>
    private static async ValueTask<WebSocketMessage> ReadOneAsync(Stream stream, WebSocketMessageReader reader, CancellationToken cancellationToken)
    {
        WebSocketMessage message;
        while (!reader.TryRead(out message))
        {
            if (!await reader.FillAsync(stream, cancellationToken).ConfigureAwait(false))
            {
                return new WebSocketMessage(MessageKind.Closed, default);
            }
        }

        return message;
    }

    private static bool IsTransportFailure(Exception exception) => WebSocketWriter.IsTransportFailure(exception);
}
