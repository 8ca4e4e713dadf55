using FsCheck;
using FsCheck.Fluent;

namespace TypedSocketIO.Tests.Oracle;

/// <summary>
/// Cases that go to Node in one request. A batch spans every size from small to large (FsCheck's
/// own size grows across tests, and a property runs only a few batches); a failing batch shrinks
/// by halves to the one failing case, then shrinks that case.
/// </summary>
public sealed record Batch<T>(T[] Items)
{
    public const int Size = 100;

    public override string ToString() => $"{Items.Length} case(s):\n  " + string.Join("\n  ", Items.Select(i => i?.ToString()));

    public static Arbitrary<Batch<T>> Arbitrary(Gen<T> item, Func<T, IEnumerable<T>> shrink) => Arb.From(
        Gen.CollectToArray(Enumerable.Range(0, Size), i => item.Resize(1 + (i * 100 / Size))).Select(items => new Batch<T>(items)),
        batch => Shrink(batch, shrink));

    private static IEnumerable<Batch<T>> Shrink(Batch<T> batch, Func<T, IEnumerable<T>> shrink)
    {
        var items = batch.Items;
        if (items.Length > 1)
        {
            yield return new Batch<T>(items[..(items.Length / 2)]);
            yield return new Batch<T>(items[(items.Length / 2)..]);
        }

        if (items.Length == 1)
        {
            foreach (var smaller in shrink(items[0]).Take(64))
            {
                yield return new Batch<T>([smaller]);
            }
        }
    }
}
