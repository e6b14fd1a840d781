using Lnsgd.Core.Random;

namespace Lnsgd.Core.Nonlinear;

/// <summary>
/// Which training rows a step uses. A closed set: the full batch (rows 0…n−1 in order); a batch
/// drawn with replacement (slot b of step t is row Index(SampleIndex, t, b), exactly the linear
/// runs' SGD draw); and epochs of a seeded shuffle cut into consecutive batches, the last one
/// smaller when the batch does not divide n (PyTorch's DataLoader with shuffle=True).
/// </summary>
public abstract record Batching
{
    private Batching() { }

    /// <summary>Every row at every step.</summary>
    public sealed record Full : Batching;
    /// <summary><paramref name="Size"/> rows drawn uniformly with replacement at each step.</summary>
    public sealed record Sampled(int Size) : Batching;
    /// <summary>Shuffled epochs cut into batches of <paramref name="Size"/>.</summary>
    public sealed record Epochs(int Size) : Batching;

    /// <summary>Steps in one pass over <paramref name="n"/> rows: 1 for the full batch, ⌈n / size⌉ otherwise.</summary>
    public int StepsPerEpoch(int n) => this switch
    {
        Full => 1,
        Sampled s => Math.Max(1, (n + s.Size - 1) / s.Size),
        Epochs e => (n + e.Size - 1) / e.Size,
        _ => throw new InvalidOperationException("unknown batching"),
    };

    /// <summary>
    /// The permutation of epoch <paramref name="epoch"/>: Fisher–Yates from the top, position i
    /// swapped with Index(EpochShuffle, epoch, i, i + 1).
    /// </summary>
    public static int[] Permutation(ulong seed, long epoch, int n)
    {
        var key = new RngKey(seed, Purpose.EpochShuffle);
        var order = new int[n];
        for (var i = 0; i < n; i++) order[i] = i;
        for (var i = n - 1; i > 0; i--)
        {
            var j = key.Index(epoch, i, i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order;
    }

    /// <summary>
    /// The rows of step <paramref name="step"/>. For epochs, <paramref name="permutation"/> must be
    /// that epoch's <see cref="Permutation"/> (callers cache it: drawing it is O(n)).
    /// </summary>
    public int[] Rows(ulong seed, long step, int n, int[]? permutation = null)
    {
        switch (this)
        {
            case Full:
                return [.. Enumerable.Range(0, n)];
            case Sampled s:
                var key = new RngKey(seed, Purpose.SampleIndex);
                var rows = new int[s.Size];
                for (var b = 0; b < s.Size; b++) rows[b] = key.Index(step, b, n);
                return rows;
            case Epochs e:
                var perEpoch = StepsPerEpoch(n);
                var epoch = step / perEpoch;
                var order = permutation ?? Permutation(seed, epoch, n);
                var start = (int)(step % perEpoch) * e.Size;
                return order[start..Math.Min(n, start + e.Size)];
            default:
                throw new InvalidOperationException("unknown batching");
        }
    }
}
