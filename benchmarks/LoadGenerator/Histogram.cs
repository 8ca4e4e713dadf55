using System.Numerics;

namespace TypedSocketIO.Benchmarks.Load;

/// <summary>
/// A log-linear latency histogram over nanoseconds (32 sub-buckets per power of two, so a
/// reported percentile is within about 3% of the true value). Recording is one array increment,
/// no allocation; each connection owns one and they are merged at the end.
/// </summary>
internal sealed class Histogram
{
    private const int SubBuckets = 32;
    private const int Linear = 64;
    private readonly long[] _counts = new long[Linear + (58 * SubBuckets)];

    public long Count { get; private set; }

    public long Max { get; private set; }

    public void Record(long nanoseconds)
    {
        if (nanoseconds < 0)
        {
            nanoseconds = 0;
        }

        _counts[Index(nanoseconds)]++;
        Count++;
        if (nanoseconds > Max)
        {
            Max = nanoseconds;
        }
    }

    public void Add(Histogram other)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>The value at <paramref name="percentile"/> (0–100), in nanoseconds: the middle of its bucket.</summary>
    public long Percentile(double percentile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(percentile / 100.0 * Count);
        rank = Math.Clamp(rank, 1, Count);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                var (lower, width) = Bounds(i);
                return Math.Min(lower + (width / 2), Max);
            }
        }

        return Max;
    }

    private static int Index(long value)
    {
        if (value < Linear)
        {
            return (int)value;
        }

        var msb = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = msb - 5;
        return Linear + ((shift - 1) * SubBuckets) + (int)((value >> shift) - SubBuckets);
    }

    private static (long Lower, long Width) Bounds(int index)
    {
        if (index < Linear)
        {
            return (index, 1);
        }

        var k = index - Linear;
        var shift = (k / SubBuckets) + 1;
        var sub = (k % SubBuckets) + SubBuckets;
        return ((long)sub << shift, 1L << shift);
    }
}
