using System.Globalization;

namespace Lnsgd.Core.Sweeps;

/// <summary>
/// The text of a table cell: integers in invariant form, doubles in the shortest form that
/// round-trips ("R"), null for a missing or non-finite value (an empty CSV field).
/// </summary>
public static class Cell
{
    /// <summary>An integer cell.</summary>
    public static string? Of(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    /// <summary>A real cell; null unless finite.</summary>
    public static string? Of(double? value) =>
        value is { } v && double.IsFinite(v) ? v.ToString("R", CultureInfo.InvariantCulture) : null;

    /// <summary>A cell read as a number (null when empty or not a number).</summary>
    public static double? Number(string? cell) =>
        cell is not null && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
