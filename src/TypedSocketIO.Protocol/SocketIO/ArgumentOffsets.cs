using System.Buffers;

namespace TypedSocketIO.Protocol;

/// <summary>
/// Where each argument of an event or ack lies in the packet's payload, recorded once while the
/// decoder validates it, so that reading argument <c>i</c> never rescans the arguments before it.
/// Up to two arguments are kept inline: the usual small event allocates nothing for them.
/// </summary>
internal readonly struct ArgumentOffsets
{
    private const int InlineCount = 2;

    private readonly int _start0;
    private readonly int _end0;
    private readonly int _start1;
    private readonly int _end1;

    // Start and end of every argument, in pairs, when there are more than InlineCount.
    private readonly int[]? _all;

    private ArgumentOffsets(int count, int start0, int end0, int start1, int end1, int[]? all)
    {
        Count = count;
        _start0 = start0;
        _end0 = end0;
        _start1 = start1;
        _end1 = end1;
        _all = all;
    }

    public int Count { get; }

    /// <summary>Where argument <paramref name="index"/> (0 to <see cref="Count"/> - 1) lies: exactly its JSON value.</summary>
    public (int Start, int Length) this[int index] => _all is { } all
        ? (all[2 * index], all[(2 * index) + 1] - all[2 * index])
        : index == 0 ? (_start0, _end0 - _start0) : (_start1, _end1 - _start1);

    /// <summary>
    /// Collects the offsets while the decoder walks the arguments; a mutable struct, so keep it in a
    /// local and call <see cref="Dispose"/> in a <c>finally</c> (it may hold a pooled buffer).
    /// </summary>
    public struct Builder
    {
        private int _count;
        private int _start0;
        private int _end0;
        private int _start1;
        private int _end1;
        private int[]? _pairs;

        public readonly int Count => _count;

        /// <summary>Records the next argument: it spans <paramref name="start"/> up to <paramref name="end"/> (exclusive).</summary>
        public void Add(int start, int end)
        {
            switch (_count)
            {
                case 0:
                    (_start0, _end0) = (start, end);
                    break;
                case 1:
                    (_start1, _end1) = (start, end);
                    break;
                default:
                    Spill(start, end);
                    break;
            }

            _count++;
        }

        private void Spill(int start, int end)
        {
            if (_pairs is null)
            {
                _pairs = ArrayPool<int>.Shared.Rent(4 * InlineCount);
                (_pairs[0], _pairs[1], _pairs[2], _pairs[3]) = (_start0, _end0, _start1, _end1);
            }
            else if (_pairs.Length < 2 * (_count + 1))
            {
                var larger = ArrayPool<int>.Shared.Rent(2 * _pairs.Length);
                _pairs.AsSpan(0, 2 * _count).CopyTo(larger);
                ArrayPool<int>.Shared.Return(_pairs);
                _pairs = larger;
            }

            _pairs[2 * _count] = start;
            _pairs[(2 * _count) + 1] = end;
        }

        /// <summary>The offsets recorded so far; the builder still needs <see cref="Dispose"/>.</summary>
        public readonly ArgumentOffsets Build() =>
            new(_count, _start0, _end0, _start1, _end1, _pairs?.AsSpan(0, 2 * _count).ToArray());

        /// <summary>Returns the pooled buffer, if there is one.</summary>
        public void Dispose()
        {
            if (_pairs is not null)
            {
                ArrayPool<int>.Shared.Return(_pairs);
                _pairs = null;
            }
        }
    }
}
