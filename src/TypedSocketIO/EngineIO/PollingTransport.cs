using System.Buffers;
using Microsoft.AspNetCore.Http;
using TypedSocketIO.Protocol;

namespace TypedSocketIO.EngineIO;

/// <summary>HTTP long-polling: GET waits for queued packets, POST carries packets from the client.</summary>
internal static class PollingTransport
{
    private static readonly byte[] Ok = "ok"u8.ToArray();

    public static async Task PollAsync(EngineIOConnection connection, HttpContext context)
    {
        if (!connection.TryBeginPoll())
        {
            // Two pending polls break the protocol: refuse the second, close the session (the first poll gets the close packet).
            await connection.Server.Responses.RefuseAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
            connection.Close(EngineIOCloseReason.TransportError, tellPollingClient: true);
            return;
        }

        var closeDelivered = false;
        try
        {
            var hasData = await WaitForDataAsync(connection, context.RequestAborted).ConfigureAwait(false);
            if (context.RequestAborted.IsCancellationRequested)
            {
                // The client went away with a poll pending: the transport failed (Node's reason too).
                connection.Close(EngineIOCloseReason.TransportError);
                return;
            }

            var frames = hasData ? connection.Queue.Drain([]) : [];
            if (frames.Count == 0)
            {
                closeDelivered = !connection.IsOpen && connection.TellsClientOfClose;
                frames.Add(closeDelivered ? EngineFrame.Close : EngineFrame.Noop);
            }

            connection.Server.Metrics.PacketsSent(EngineIOTransports.Polling, frames);

            var body = new ArrayBufferWriter<byte>(EstimateSize(frames));
            PollingPayload.Write(body, frames);
            var response = context.Response;
            response.ContentType = "text/plain; charset=UTF-8";
            response.ContentLength = body.WrittenCount;
            await response.Body.WriteAsync(body.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException)
        {
            connection.Close(EngineIOCloseReason.TransportError);
        }
        finally
        {
            connection.EndPoll();
            if (!connection.IsOpen && (closeDelivered || !connection.TellsClientOfClose))
            {
                // The last poll of a closed session has delivered what was left, the close packet included.
                connection.Server.Forget(connection);
            }
        }
    }

    private static async ValueTask<bool> WaitForDataAsync(EngineIOConnection connection, CancellationToken requestAborted)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, connection.PollReleased);
        try
        {
            return await connection.Queue.WaitForDataAsync(wait.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!requestAborted.IsCancellationRequested)
        {
            // Released for an upgrade or a close: answer with whatever is queued, or a noop.
            return connection.Queue.BufferedBytes > 0;
        }
    }

    public static async Task PostAsync(EngineIOConnection connection, HttpContext context)
    {
        if (!connection.TryBeginPost())
        {
            await connection.Server.Responses.RefuseAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
            connection.Close(EngineIOCloseReason.TransportError);
            return;
        }

        try
        {
            if (connection.Transport != EngineIOTransports.Polling)
            {
                // The session moved to a WebSocket after this request was routed: its packets go there now.
                await connection.Server.Responses.RefuseAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
                return;
            }

            var limit = connection.Server.Options.MaxPayload;
            var body = await ReadBodyAsync(context, limit).ConfigureAwait(false);
            if (body is null)
            {
                connection.Server.Log.PayloadTooLarge(connection.Id, limit);
                context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                connection.Close(EngineIOCloseReason.TransportError);
                return;
            }

            var packets = new List<(ReadOnlyMemory<byte> Data, bool IsBinary)>();
            if (RefusalOf(body, packets) is { } refusal)
            {
                // As the reference server: the whole body is refused and the session is over at
                // once (a later request with its id is told the session is unknown).
                connection.Server.Log.InvalidPacket(connection.Id);
                await connection.Server.Responses.RefuseAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
                connection.CloseAtOnce(refusal);
                return;
            }

            // Handle the packets before answering, as Node does: the client's next POST then
            // cannot overlap this one, and packets of one session are handled in order.
            foreach (var (data, isBinary) in packets)
            {
                await connection.ReceiveAsync(data, isBinary).ConfigureAwait(false);
            }

            context.Response.ContentType = "text/html";
            context.Response.ContentLength = Ok.Length;
            await context.Response.Body.WriteAsync(Ok, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or IOException or BadHttpRequestException)
        {
            connection.Close(EngineIOCloseReason.TransportClose);
        }
        finally
        {
            connection.EndPost();
        }
    }

    /// <summary>Splits the body into <paramref name="packets"/>; the close reason if any packet is one a client may not send.</summary>
    private static string? RefusalOf(byte[] body, List<(ReadOnlyMemory<byte> Data, bool IsBinary)> packets)
    {
        if (!PollingPayload.TryRead(body, packets))
        {
            return EngineIOCloseReason.ParseError;
        }

        foreach (var (data, isBinary) in packets)
        {
            if (!isBinary && EngineIOConnection.RefusalOf(data.Span) is { } refusal)
            {
                return refusal;
            }
        }

        return null;
    }

    /// <summary>A body up to this size is read into one array of its declared length; a larger one grows as it arrives.</summary>
    private const int FirstBodySize = 16 * 1024;

    /// <summary>
    /// Reads the whole body, or returns null as soon as it passes <paramref name="limit"/> bytes.
    /// A large declared length is not trusted: the buffer grows (pooled, doubling) with the bytes
    /// that have arrived, so a client that declares a megabyte and sends nothing costs 16 KB.
    /// </summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, int limit)
    {
        var declared = context.Request.ContentLength;
        if (declared > limit)
        {
            return null;
        }

        var most = declared ?? limit + 1L; // one byte past the limit tells a body that is too large
        var stream = context.Request.Body;
        if (most <= FirstBodySize)
        {
            return await ReadSmallBodyAsync(stream, (int)most, limit, context.RequestAborted).ConfigureAwait(false);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(FirstBodySize);
        var read = 0;
        try
        {
            while (read < most)
            {
                if (read == buffer.Length)
                {
                    var grown = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, most));
                    buffer.AsSpan(0, read).CopyTo(grown);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = grown;
                }

                var room = (int)Math.Min(buffer.Length - read, most - read);
                var n = await stream.ReadAsync(buffer.AsMemory(read, room), context.RequestAborted).ConfigureAwait(false);
                if (n == 0)
                {
                    break;
                }

                read += n;
                if (read > limit)
                {
                    return null;
                }
            }

            return buffer.AsSpan(0, read).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a body of at most <paramref name="most"/> bytes into one array.</summary>
    private static async Task<byte[]?> ReadSmallBodyAsync(Stream stream, int most, int limit, CancellationToken cancellationToken)
    {
        var buffer = new byte[most];
        var read = 0;
        while (read < most)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        if (read > limit)
        {
            return null;
        }

        // A body longer than it declared is Kestrel's to refuse; one shorter ends the request early.
        return read == buffer.Length ? buffer : buffer.AsSpan(0, read).ToArray();
    }

    private static int EstimateSize(List<EngineFrame> frames)
    {
        var size = 16;
        foreach (var frame in frames)
        {
            size += frame.IsBinary ? frame.Data.Length * 4 / 3 + 8 : frame.Data.Length + 1;
        }

        return size;
    }
}
