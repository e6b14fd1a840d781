using System.Collections.Immutable;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Core.Sweeps;

/// <summary>One cell of a phase diagram: how many runs fell in it, how many had a value, and their mean.</summary>
public sealed record PhaseCell(int Runs, int Reached, double? Mean);

/// <summary>
/// A summary column of the collected table laid out over two swept config keys: the mean over
/// the runs (seeds) of each (x, y) point. Every other config key must be constant over the rows
/// used, so a cell never mixes different settings; <c>where</c> filters fix the others.
/// </summary>
public sealed record PhaseGrid(
    string XKey, string YKey, string Value,
    ImmutableArray<string> XValues, ImmutableArray<string> YValues, ImmutableArray<PhaseCell> Cells,
    ImmutableArray<(string Key, string Value)> Fixed)
{
    /// <summary>The cell at x position <paramref name="ix"/> and y position <paramref name="iy"/>.</summary>
    public PhaseCell At(int ix, int iy) => Cells[iy * XValues.Length + ix];

    /// <summary>
    /// The column holding the theory's prediction of <paramref name="value"/> over these axes, or
    /// null: Theorem 2's T1 predicts the escape step, and depends on σ, η and m only, so it is
    /// drawn when both axes are among them.
    /// </summary>
    public static string? TheoryColumnOf(string value, string xKey, string yKey)
    {
        string[] theoryKeys = ["sigma", "eta", "m"];
        return value == "escape_step" && theoryKeys.Contains(xKey) && theoryKeys.Contains(yKey) ? "theory_escape_t1" : null;
    }

    /// <summary>
    /// The grid of <paramref name="value"/> over <paramref name="xKey"/> × <paramref name="yKey"/>
    /// using the rows that match every <paramref name="where"/> pair (values as the schema shows
    /// them), or the one-line error that says what to change.
    /// </summary>
    public static Result<PhaseGrid> Of(
        SweepTable table, string xKey, string yKey, string value, IReadOnlyList<(string Key, string Value)> where)
    {
        foreach (var key in new[] { xKey, yKey })
            if (ConfigSchema.Find(key) is null)
                return Result.Error<PhaseGrid>($"'{key}' is not a config key (axes must be swept keys, e.g. sigma, eta, m)");
        if (xKey == yKey) return Result.Error<PhaseGrid>($"the two axes are both '{xKey}'");
        var valueIndex = table.IndexOf(value);
        var summaries = SweepSummary.Columns.Where(c => c.Kind != ColumnKind.Text).Select(c => c.Name).ToList();
        if (!summaries.Contains(value))
            return Result.Error<PhaseGrid>($"invalid value for '--value': '{value}' (allowed: {string.Join(", ", summaries)})");
        foreach (var (key, _) in where)
            if (ConfigSchema.Find(key) is null) return Result.Error<PhaseGrid>($"--where: '{key}' is not a config key");

        var rows = table.Rows.Where(r => where.All(w => r[table.IndexOf(w.Key)] == w.Value)).ToList();
        if (rows.Count == 0) return Result.Error<PhaseGrid>("no collected run matches" + (where.Count > 0 ? " the --where filters" : ""));

        var (ix, iy) = (table.IndexOf(xKey), table.IndexOf(yKey));
        var others = ConfigSchema.Keys.Select(k => k.Name).Where(k => k != xKey && k != yKey && k != "seed").ToList();
        var varying = others
            .Select(k => (Key: k, Values: rows.Select(r => r[table.IndexOf(k)]).Distinct().Order(ValueOrder).ToList()))
            .Where(v => v.Values.Count > 1).ToList();
        if (varying.Count > 0)
            return Result.Error<PhaseGrid>($"besides '{xKey}', '{yKey}' and the seed, these keys vary: "
                + string.Join("; ", varying.Select(v => $"{v.Key} ({string.Join(", ", v.Values)})"))
                + $"; fix them with --where key=value, e.g. --where {varying[0].Key}={varying[0].Values[0]}");

        var xs = rows.Select(r => r[ix]!).Distinct().Order(ValueOrder).ToImmutableArray();
        var ys = rows.Select(r => r[iy]!).Distinct().Order(ValueOrder).ToImmutableArray();
        var cells = ImmutableArray.CreateBuilder<PhaseCell>(xs.Length * ys.Length);
        foreach (var y in ys)
            foreach (var x in xs)
            {
                var values = rows.Where(r => r[ix] == x && r[iy] == y).Select(r => Cell.Number(r[valueIndex])).ToList();
                var reached = values.Where(v => v is not null).Select(v => v!.Value).ToList();
                cells.Add(new PhaseCell(values.Count, reached.Count, reached.Count > 0 ? reached.Average() : null));
            }
        var first = rows[0];
        var fixedKeys = ConfigSchema.Keys.Select(k => k.Name).Where(k => k != xKey && k != yKey && k != "seed")
            .Select(k => (k, first[table.IndexOf(k)] ?? "")).ToImmutableArray();
        return Result.Ok(new PhaseGrid(xKey, yKey, value, xs, ys, cells.MoveToImmutable(), fixedKeys));
    }

    // Numbers in numeric order (so 5e-4 < 0.001 < 0.002), then text in ordinal order.
    private static readonly Comparer<string?> ValueOrder = Comparer<string?>.Create((a, b) =>
        Cell.Number(a) is { } u && Cell.Number(b) is { } v ? u.CompareTo(v)
        : Cell.Number(a) is not null ? -1
        : Cell.Number(b) is not null ? 1
        : string.CompareOrdinal(a, b));
}
