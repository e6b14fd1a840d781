using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Lnsgd.Properties;

/// <summary>A sweep spec as the user writes it: keys with TOML values, cases, a seeds line.</summary>
internal sealed record SpecModel(string[] Lines, (string Key, string[] Values)[] Axes, (string Key, string[] Values)[][] Cases, string? Seeds)
{
    /// <summary>
    /// The spec as TOML. With <paramref name="shuffle"/>, the same spec written differently:
    /// top-level keys, the values inside every list, the cases and the keys inside each case in
    /// another order.
    /// </summary>
    public string Toml(int? shuffle = null)
    {
        var random = shuffle is { } s ? new Random(s) : null;
        T[] Order<T>(IEnumerable<T> items) => random is null ? [.. items] : [.. items.OrderBy(_ => random.Next())];
        var sb = new StringBuilder();
        foreach (var line in Lines) sb.Append(line).Append('\n');
        if (Seeds is not null) sb.Append("seeds = ").Append(Seeds).Append('\n');
        foreach (var (key, values) in Order(Axes)) sb.Append(Line(key, Order(values)));
        foreach (var @case in Order(Cases))
        {
            sb.Append("\n[[cases]]\n");
            foreach (var (key, values) in Order(@case)) sb.Append(Line(key, Order(values)));
        }
        return sb.ToString();
    }

    private static string Line(string key, string[] values) =>
        $"{key} = {(values.Length == 1 ? values[0] : "[" + string.Join(", ", values) + "]")}\n";
}

/// <summary>Generators of small, valid sweep specs (tiny runs: m ≤ 50, steps ≤ 200).</summary>
internal static class SweepGenerators
{
    // Each key with TOML spellings of distinct values (several spellings of one number on purpose).
    private static readonly (string Key, string[] Values)[] Pool =
    [
        ("sigma", ["0", "0.5", "1", "2.0", "4"]),
        ("eta", ["1e-3", "0.002", "5e-4"]),
        ("m", ["10", "20", "50"]),
        ("batch", ["1", "2"]),
        ("noise", ["\"rademacher\"", "\"gaussian\""]),
        ("teacher", ["\"dense\"", "\"sparse\""]),
        ("steps", ["100", "200"]),
        ("record_every", ["10", "50"]),
    ];

    private static Gen<(string Key, string[] Values)> Axis(int maxValues) =>
        from index in Gen.Choose(0, Pool.Length - 1)
        let pool = Pool[index]
        from count in Gen.Choose(1, Math.Min(maxValues, pool.Values.Length))
        from picked in Gen.Shuffle(pool.Values)
        select (pool.Key, picked.Take(count).ToArray());

    private static Gen<(string Key, string[] Values)[]> Axes(int maxKeys, int maxValues) =>
        from count in Gen.Choose(0, maxKeys)
        from axes in Gen.ArrayOf(Axis(maxValues), count)
        select axes.DistinctBy(a => a.Key).ToArray();

    /// <summary>A spec of up to 4 keys with up to 3 values, up to 2 cases and an optional seeds line.</summary>
    public static Gen<SpecModel> Specs { get; } =
        from axes in Axes(4, 3)
        from caseCount in Gen.Choose(0, 2)
        from cases in Gen.ArrayOf(Axes(2, 2).Where(c => c.Length > 0), caseCount)
        from seeds in Gen.Elements<string?>(null, "1", "3", "[5, 1]")
        select new SpecModel(["n = 20", "n_test = 5", "d = 4"], axes, cases, seeds);
}
