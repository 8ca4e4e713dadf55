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
            await connection.Server.RefuseAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
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
            await connection.Server.RefuseAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
            connection.Close(EngineIOCloseReason.TransportError);
            return;
        }

        try
        {
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
            if (!PollingPayload.TryRead(body, packets))
            {
                await connection.Server.RefuseAsync(context, EngineIOErrorCode.BadRequest).ConfigureAwait(false);
                connection.Close(EngineIOCloseReason.ParseError);
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

    /// <summary>Reads the whole body, or returns null as soon as it passes <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpContext context, int limit)
    {
        var declared = context.Request.ContentLength;
        if (declared > limit)
        {
            return null;
        }

        var buffer = new byte[Math.Max(1, declared is { } length ? (int)length : Math.Min(limit + 1, 16 * 1024))];
        var read = 0;
        var stream = context.Request.Body;
        while (true)
        {
            if (read == buffer.Length)
            {
                if (read > limit)
                {
                    return null;
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, limit + 1L));
                if (read == buffer.Length)
                {
                    return null;
                }
            }

            var n = await stream.ReadAsync(buffer.AsMemory(read), context.RequestAborted).ConfigureAwait(false);
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

        if (read != buffer.Length)
        {
            Array.Resize(ref buffer, read);
        }

        return buffer;
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
