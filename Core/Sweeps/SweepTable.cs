using System.Collections.Immutable;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Core.Sweeps;

/// <summary>
/// The collected table of a sweep: one row per finished run — its id and status, every config
/// key, then <see cref="SweepSummary.Columns"/> and the trajectory hash. Cells are text
/// (<see cref="Cell"/>); the column kinds say how a typed format stores them. Rows are sorted
/// by config (numbers numerically, keys in schema order) then id, so the table depends only on
/// which runs finished, never on the order, process or shard that ran them.
/// </summary>
public sealed record SweepTable(ImmutableArray<TableColumn> Columns, ImmutableArray<ImmutableArray<string?>> Rows)
{
    /// <summary>Every column, in order.</summary>
    public static ImmutableArray<TableColumn> Schema { get; } =
    [
        new("run", ColumnKind.Text, "the run id: the first 16 hex digits of the SHA-256 of its canonical config"),
        new("status", ColumnKind.Text, "finished or diverged"),
        .. ConfigSchema.Keys.Select(k => new TableColumn(k.Name, KindOf(k), k.Meaning)),
        .. SweepSummary.Columns,
        new("trajectory_sha256", ColumnKind.Text, "SHA-256 of every recorded metric (equal hashes: bit-identical runs)"),
    ];

    /// <summary>The table of <paramref name="runs"/>.</summary>
    public static SweepTable Build(IEnumerable<CollectedRun> runs)
    {
        var rows = runs.Select(r => (Run: r, Row: Row(r))).ToList();
        rows.Sort((a, b) => Compare(a.Run.Config, b.Run.Config) is var c and not 0 ? c : string.CompareOrdinal(a.Row[0], b.Row[0]));
        return new SweepTable(Schema, [.. rows.Select(r => r.Row)]);
    }

    /// <summary>The position of <paramref name="column"/>, or −1.</summary>
    public int IndexOf(string column)
    {
        for (var k = 0; k < Columns.Length; k++) if (Columns[k].Name == column) return k;
        return -1;
    }

    /// <summary>
    /// How a config key is typed, read off its documented range: the schema states "integer …"
    /// or "finite number …" for every numeric key, so new keys are typed without a list here.
    /// </summary>
    public static ColumnKind KindOf(ConfigKey key) =>
        key.Name == "seed" ? ColumnKind.Unsigned
        : key.Allowed.StartsWith("integer", StringComparison.Ordinal) ? ColumnKind.Integer
        : key.Allowed.StartsWith("finite number", StringComparison.Ordinal) ? ColumnKind.Real
        : ColumnKind.Text;

    private static ImmutableArray<string?> Row(CollectedRun run) =>
    [
        RunIdentity.IdOf(RunIdentity.Hash(run.Config)),
        run.Status,
        .. ConfigSchema.Describe(run.Config).Select(kv => (string?)kv.Value),
        .. SweepSummary.Of(run),
        run.TrajectorySha256,
    ];

    private static int Compare(RunConfig a, RunConfig b)
    {
        foreach (var ((_, x), (_, y)) in ConfigSchema.Describe(a).Zip(ConfigSchema.Describe(b)))
        {
            var c = Cell.Number(x) is { } u && Cell.Number(y) is { } v ? u.CompareTo(v) : string.CompareOrdinal(x, y);
            if (c != 0) return c;
        }
        return 0;
    }
}
