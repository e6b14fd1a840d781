using System.Globalization;

namespace Lnsgd.Core.Sweeps;

/// <summary>
/// Shard <see cref="Index"/> of <see cref="Count"/>: the runs at positions Index, Index + Count,
/// … once the whole sweep is sorted by hash. Every process computes the same sort, so N
/// processes with indexes 0…N−1 split the sweep into disjoint parts that cover it, with sizes
/// that differ by at most one, and need not talk to each other.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    /// <summary>The whole sweep.</summary>
    public static Shard All { get; } = new(0, 1);

    /// <summary>Shard <paramref name="index"/> of <paramref name="count"/>, or the error line when 0 ≤ index &lt; count fails.</summary>
    public static Result<Shard> Of(long index, long count, string origin)
    {
        var (shard, error) = OfOrError(index, count, origin);
        return Result.Of(shard!, error);
    }

    private static (Shard? Shard, string? Error) OfOrError(long index, long count, string origin) =>
        count < 1 || count > int.MaxValue ? (null, $"{origin}: shard count '{count}' must be an integer >= 1")
        : index < 0 || index >= count ? (null, $"{origin}: shard index '{index}' must be in [0, {count})")
        : (new Shard((int)index, (int)count), null);

    /// <summary>Parses <c>i/N</c>, e.g. <c>0/4</c>.</summary>
    public static Result<Shard> Parse(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 2
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            ? Of(index, count, $"--shard '{text}'")
            : Result.Error<Shard>($"invalid value for '--shard': '{text}' (allowed: i/N with 0 <= i < N, e.g. 0/4)");
    }

    /// <summary>The runs of this shard, in the order <paramref name="runs"/> lists them.</summary>
    public IReadOnlyList<SweepRun> Select(IReadOnlyList<SweepRun> runs)
    {
        var mine = runs.Select(r => r.Hash).Order(StringComparer.Ordinal)
            .Where((_, position) => position % Count == Index).ToHashSet();
        return [.. runs.Where(r => mine.Contains(r.Hash))];
    }

    /// <summary><c>i/N</c>.</summary>
    public override string ToString() => $"{Index}/{Count}";
}
