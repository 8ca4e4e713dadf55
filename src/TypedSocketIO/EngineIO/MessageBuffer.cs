using System.Buffers;

namespace TypedSocketIO.EngineIO;

/// <summary>
/// The payload of the message being received. It grows with the bytes that have arrived, in
/// pooled arrays that double (so it holds at most about twice what arrived, plus a small first
/// size), and is handed out as an array of its own, exactly as long as the message.
/// </summary>
internal struct MessageBuffer
{
    /// <summary>The first size of a buffer that grows as bytes arrive (it then doubles).</summary>
    private const int FirstSize = 4096;

    private byte[]? _array;
    private bool _pooled;
    private int _length;

    /// <summary>How many bytes of the message have arrived.</summary>
    public readonly int Length => _length;

    /// <summary>How many bytes the buffer holds room for (what its growth costs; for tests).</summary>
    internal readonly int Capacity => _array?.Length ?? 0;

    /// <summary>Starts a message whose length is known and whose bytes have all arrived: one exact array, no copy later.</summary>
    public void StartExact(int length)
    {
        Release();
        _array = length == 0 ? [] : new byte[length];
    }

    /// <summary>Room for the next <paramref name="count"/> bytes, which the caller fills at once.</summary>
    /// <param name="count">The bytes that have arrived.</param>
    /// <param name="frameRemaining">Bytes the current frame still declares: growth never passes the frame's end.</param>
    public Span<byte> Append(int count, long frameRemaining)
    {
        if (count == 0)
        {
            return [];
        }

        var needed = _length + count;
        if (_array is null || needed > _array.Length)
        {
            var frameEnd = _length + frameRemaining;
            var doubled = Math.Max(FirstSize, (long)(_array?.Length ?? 0) * 2);
            var grown = ArrayPool<byte>.Shared.Rent((int)Math.Max(needed, Math.Min(frameEnd, doubled)));
            if (_array is { } old)
            {
                old.AsSpan(0, _length).CopyTo(grown);
                if (_pooled)
                {
                    ArrayPool<byte>.Shared.Return(old);
                }
            }

            _array = grown;
            _pooled = true;
        }

        var room = _array.AsSpan(_length, count);
        _length = needed;
        return room;
    }

    /// <summary>The last <paramref name="count"/> bytes appended (the frame just completed).</summary>
    public readonly Span<byte> LastBytes(int count) => _array.AsSpan(_length - count, count);

    /// <summary>Hands the whole message out as an array of its own and starts empty.</summary>
    public byte[] Take()
    {
        byte[] message;
        if (_array is null)
        {
            message = [];
        }
        else if (!_pooled && _array.Length == _length)
        {
            message = _array;
            _array = null;
        }
        else
        {
            message = _array.AsSpan(0, _length).ToArray();
        }

        Release();
        return message;
    }

    /// <summary>Returns a pooled array and starts empty.</summary>
    public void Release()
    {
        if (_pooled && _array is { } array)
        {
            ArrayPool<byte>.Shared.Return(array);
        }

        _array = null;
        _pooled = false;
        _length = 0;
    }
}
