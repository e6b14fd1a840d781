using System.Collections.Immutable;

namespace Lnsgd.Core.Numerics;

/// <summary>
/// Value equality for records that hold <see cref="ImmutableArray{T}"/>: the array struct itself
/// compares by reference, so a record's synthesised equality would call two networks with the
/// same weights different. Elements compare as the record's own scalar fields do
/// (<see cref="EqualityComparer{T}.Default"/>: NaN equals NaN, 0 equals −0), and a default
/// array counts as empty.
/// </summary>
internal static class Elementwise
{
    /// <summary>Same length and equal elements in order.</summary>
    public static bool Equal<T>(ImmutableArray<T> a, ImmutableArray<T> b)
    {
        var (x, y) = (a.IsDefault ? [] : a, b.IsDefault ? [] : b);
        if (x.Length != y.Length) return false;
        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < x.Length; i++)
            if (!comparer.Equals(x[i], y[i])) return false;
        return true;
    }

    /// <summary>A hash of the length and every element, consistent with <see cref="Equal{T}"/>.</summary>
    public static int Hash<T>(ImmutableArray<T> a)
    {
        var hash = new HashCode();
        if (a.IsDefault) a = [];
        hash.Add(a.Length);
        foreach (var v in a) hash.Add(v);
        return hash.ToHashCode();
    }
}
