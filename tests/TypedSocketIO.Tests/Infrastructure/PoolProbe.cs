using System.Buffers;

namespace TypedSocketIO.Tests.Infrastructure;

/// <summary>
/// Watches what code does with the arrays of <see cref="ArrayPool{T}.Shared"/>. The shared pool
/// keeps one array per size per thread, and hands the last one given back to the next rent on
/// the same thread. A probe puts a known array in that place, runs the code (synchronously, on
/// this thread), and rents again: the same array comes back only if the code gave back every
/// array of that size it rented. A rented array that was never returned (a leak the pool hides
/// by allocating anew) gives another array instead.
/// </summary>
internal static class PoolProbe
{
    /// <summary>The probe's result: whether the known array came back, and whether the code wrote into it.</summary>
    public readonly record struct Result(bool GivenBack, bool Written);

    private const byte Marker = 0xA5;

    /// <summary>Runs <paramref name="action"/> with a known array of <paramref name="length"/> (a power of two from 16) waiting in the pool.</summary>
    public static Result Watch<T>(int length, Action action)
    {
        var pool = ArrayPool<T>.Shared;
        var known = pool.Rent(length);
        Assert.Equal(length, known.Length); // a size the pool keeps as it is
        pool.Return(known);
        action();
        var next = pool.Rent(length);
        pool.Return(next);
        return new Result(ReferenceEquals(known, next), Written: false);
    }

    /// <summary>
    /// As <see cref="Watch{T}"/> for bytes, the known array filled with a marker first:
    /// <see cref="Result.Written"/> tells whether the code rented it and wrote into it.
    /// </summary>
    public static Result WatchBytes(int length, Action action)
    {
        var pool = ArrayPool<byte>.Shared;
        var known = pool.Rent(length);
        Assert.Equal(length, known.Length);
        known.AsSpan().Fill(Marker);
        pool.Return(known);
        action();
        var next = pool.Rent(length);
        pool.Return(next);
        return new Result(ReferenceEquals(known, next), known.AsSpan().ContainsAnyExcept(Marker));
    }
}
