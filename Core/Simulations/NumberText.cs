using System.Globalization;

namespace Lnsgd.Core.Simulations;

/// <summary>
/// Numbers as a user writes them, read the same way whether they come from a TOML file or the
/// command line: TOML's forms (digit groups <c>1_000_000</c>, a leading <c>+</c>, exponents) and
/// an integer key accepts a float form whose value is whole (<c>1e5</c>, <c>2.5e3</c>,
/// <c>100000.0</c>), as a TOML file's <c>steps = 1e5</c> always did.
/// </summary>
public static class NumberText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>A whole number in [long.MinValue, long.MaxValue], or null.</summary>
    public static long? Integer(string text) =>
        Whole(text) is { } d && d >= long.MinValue && d <= long.MaxValue ? (long)d : null;

    /// <summary>A whole number in [0, 2^64), or null.</summary>
    public static ulong? Unsigned(string text) =>
        Whole(text) is { } d && d >= 0 && d <= ulong.MaxValue ? (ulong)d : null;

    /// <summary>A double (infinities and NaN included: callers decide what is allowed), or null.</summary>
    public static double? Real(string text) =>
        Ungrouped(text) is { } plain && double.TryParse(plain, NumberStyles.Float, Inv, out var v) ? v : null;

    // Decimal arithmetic is exact, so 1e5 is 100000 and 1.00000000000000001e5 is not whole.
    private static decimal? Whole(string text) =>
        Ungrouped(text) is { } plain && decimal.TryParse(plain, NumberStyles.Float, Inv, out var d) && d == decimal.Truncate(d) ? d : null;

    // TOML's digit grouping: an underscore only between two digits.
    private static string? Ungrouped(string text)
    {
        var s = text.Trim();
        for (var k = 0; k < s.Length; k++)
            if (s[k] == '_' && (k == 0 || k == s.Length - 1 || !char.IsAsciiDigit(s[k - 1]) || !char.IsAsciiDigit(s[k + 1]))) return null;
        return s.Replace("_", "");
    }
}
