using System.Globalization;

namespace Lnsgd.Shell.Cli;

/// <summary>
/// The seeds of <c>--seeds</c>: a count N (N consecutive seeds from the base seed) or an
/// inclusive range A..B.
/// </summary>
public static class SeedList
{
    /// <summary>Most seeds one command line may ask for.</summary>
    public const int Most = 1000;

    /// <summary>Parses <paramref name="text"/>; <paramref name="first"/> is where a count starts.</summary>
    /// <exception cref="UsageError">Not a count ≥ 1 or a range A..B with A ≤ B, or more than <see cref="Most"/> seeds.</exception>
    public static IReadOnlyList<ulong> Parse(string text, ulong first)
    {
        var t = text.Trim();
        var dots = t.IndexOf("..", StringComparison.Ordinal);
        ulong from, to;
        if (dots >= 0)
        {
            if (!Number(t[..dots], out from) || !Number(t[(dots + 2)..], out to) || to < from) throw Invalid(text);
        }
        else
        {
            if (!Number(t, out var count) || count == 0) throw Invalid(text);
            if (count > Most) throw Invalid(text);
            (from, to) = (first, first + count - 1);
            if (to < from) throw Invalid(text);
        }
        if (to - from >= Most) throw Invalid(text);
        return [.. Enumerable.Range(0, (int)(to - from + 1)).Select(k => from + (ulong)k)];
    }

    private static bool Number(string s, out ulong v) =>
        ulong.TryParse(s.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out v);

    private static UsageError Invalid(string text) =>
        new($"invalid value for '--seeds': '{text}' (allowed: a count N in 1..{Most}, N seeds from --seed, or a range A..B with A <= B, at most {Most} seeds)");
}
