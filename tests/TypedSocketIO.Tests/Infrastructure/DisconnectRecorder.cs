using System.Collections.Concurrent;

namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>Records why each socket of a namespace disconnected, and lets a test wait for it.</summary>
public sealed class DisconnectRecorder
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, TaskCompletionSource<DisconnectReason>> _bySocket = new();

    private DisconnectRecorder()
    {
    }

    /// <summary>Starts recording the disconnects of <paramref name="ns"/>.</summary>
    public static DisconnectRecorder On(ServerNamespace ns)
    {
        var recorder = new DisconnectRecorder();
        ns.OnDisconnect((socket, reason) =>
        {
            recorder.For(socket.Id).TrySetResult(reason);
            return ValueTask.CompletedTask;
        });
        return recorder;
    }

    /// <summary>The reason <paramref name="socketId"/> disconnected with, once it has (10 s at most).</summary>
    public Task<DisconnectReason> ReasonOf(string socketId) => For(socketId).Task.WaitAsync(Wait);

    /// <summary>Whether <paramref name="socketId"/> has disconnected yet.</summary>
    public bool HasDisconnected(string socketId) => For(socketId).Task.IsCompleted;

    private TaskCompletionSource<DisconnectReason> For(string socketId) =>
        _bySocket.GetOrAdd(socketId, _ => new TaskCompletionSource<DisconnectReason>(TaskCreationOptions.RunContinuationsAsynchronously));
}
