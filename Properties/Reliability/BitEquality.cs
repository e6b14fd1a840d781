using Lnsgd.Shell.Output;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Properties.Reliability;

/// <summary>Bit-for-bit comparison of trajectories and folders (record equality calls 0.0 and −0.0 equal; bits do not).</summary>
internal static class BitEquality
{
    public static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    public static bool Same(IEnumerable<double> a, IEnumerable<double> b) => a.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(b.Select(BitConverter.DoubleToInt64Bits));

    /// <summary>Null when equal, else what differs first.</summary>
    public static string? Difference(Trajectory a, Trajectory b)
    {
        if (a.Rows.Length != b.Rows.Length) return $"{a.Rows.Length} rows vs {b.Rows.Length}";
        for (var k = 0; k < a.Rows.Length; k++)
            if (a.Rows[k].Step != b.Rows[k].Step || !Same(a.Rows[k].Values(), b.Rows[k].Values())) return $"row {k} (step {a.Rows[k].Step})";
        if (!a.Trace.Select(p => (p.Step, p.WSq, p.Align, p.A)).SequenceEqual(b.Trace.Select(p => (p.Step, p.WSq, p.Align, p.A)))
            || !Same(a.Trace.SelectMany(p => new[] { p.WSq, p.Align, p.A }), b.Trace.SelectMany(p => new[] { p.WSq, p.Align, p.A })))
            return "trace";
        if (!a.Snapshots.Select(s => s.Step).SequenceEqual(b.Snapshots.Select(s => s.Step))
            || !Same(a.Snapshots.SelectMany(s => s.WSq.Concat(s.Align)), b.Snapshots.SelectMany(s => s.WSq.Concat(s.Align))))
            return "snapshots";
        if ((a.Final is null) != (b.Final is null)) return "final presence";
        if (a.Final is not null && (!Same(a.Final.W, b.Final!.W) || !Same(a.Final.A, b.Final.A))) return "final weights";
        var (da, db) = (a.Divergence, b.Divergence);
        if ((da is null) != (db is null)) return "divergence presence";
        if (da is not null && (da.Step != db!.Step || da.Quantity != db.Quantity || da.Reason != db.Reason || !Same(da.StableEta, db.StableEta))) return "divergence";
        return Trajectory.Hash(a.Rows) == Trajectory.Hash(b.Rows) ? null : "hash";
    }

    /// <summary>Null when both folders hold the same file names with the same bytes (<paramref name="ignore"/> and provenance.json, which records times and hosts, aside).</summary>
    public static string? FolderDifference(string a, string b, params string[] ignore) => FolderDifference(a, b, raw: false, ignore);

    /// <summary>As above; <paramref name="raw"/> compares SVGs as they are (right for folders written by separate processes).</summary>
    public static string? FolderDifference(string a, string b, bool raw, params string[] ignore)
    {
        static string[] Names(string dir, string[] ignore) =>
            [.. Directory.GetFiles(dir).Select(Path.GetFileName).OfType<string>().Where(n => n != LiveRun.ProvenanceFile && !ignore.Contains(n)).Order(StringComparer.Ordinal)];
        var (na, nb) = (Names(a, ignore), Names(b, ignore));
        if (!na.SequenceEqual(nb)) return $"files [{string.Join(", ", na)}] vs [{string.Join(", ", nb)}]";
        foreach (var name in na)
            if (!Canonical(raw ? "" : name, File.ReadAllBytes(Path.Combine(a, name))).AsSpan().SequenceEqual(Canonical(raw ? "" : name, File.ReadAllBytes(Path.Combine(b, name)))))
                return $"{name} differs";
        return null;
    }

    // Skia's SVG canvas numbers clip paths with a counter shared by the whole process, so two
    // renders in one test process differ only there; renumbering by first use compares the rest.
    // (Separate processes write identical SVGs: the end-to-end tests compare those raw.)
    private static byte[] Canonical(string name, byte[] bytes)
    {
        if (!name.EndsWith(".svg", StringComparison.Ordinal)) return bytes;
        var ids = new Dictionary<string, int>();
        var text = System.Text.RegularExpressions.Regex.Replace(System.Text.Encoding.UTF8.GetString(bytes), "cl_[0-9a-f]+",
            m => "cl_" + (ids.TryGetValue(m.Value, out var k) ? k : ids[m.Value] = ids.Count));
        return System.Text.Encoding.UTF8.GetBytes(text);
    }
}

/// <summary>A fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lnsgd-rel-" + Guid.NewGuid().ToString("N"));

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
