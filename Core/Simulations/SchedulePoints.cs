using System.Collections.Immutable;
using System.Globalization;

namespace Lnsgd.Core.Simulations;

/// <summary>The text form of a piecewise noise schedule: <c>start:factor,start:factor,…</c>.</summary>
public static class SchedulePoints
{
    /// <summary>The points, or null unless starts are integers increasing from 0 and factors finite and ≥ 0.</summary>
    public static ImmutableArray<(long Start, double Factor)>? TryParse(string text)
    {
        var points = ImmutableArray.CreateBuilder<(long, double)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var pair = part.Split(':', StringSplitOptions.TrimEntries);
            if (pair.Length != 2
                || !long.TryParse(pair[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var start)
                || !double.TryParse(pair[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var factor)
                || !double.IsFinite(factor) || factor < 0
                || (points.Count == 0 ? start != 0 : start <= points[^1].Item1))
                return null;
            points.Add((start, factor));
        }
        return points.Count == 0 ? null : points.ToImmutable();
    }
}
