using Lnsgd.Core.Theory;
using Lnsgd.Shell.Verification;
using Snapshooter.Xunit;
using Xunit;

namespace Lnsgd.Snapshots;

/// <summary>The layout of verify.md: its columns and one row per claim (ids, claims, statistics, thresholds), not the numbers.</summary>
public class VerifySnapshots
{
    [Fact]
    public void Verify_report_layout()
    {
        // Stand-in measurements: the layout must not depend on the values.
        var seeds = Enumerable.Range(0, 3).Select(s => new SeedMeasurements(
            (ulong)s, 0.01, 0.001, 4000 + s, 0.1, 0.95, true, false, 0, new Lemma3Frequencies(100, 90, 60, 10),
            1.0 + 0.01 * s, 0.9, 0.005, 0.002, 0.98, 0.01, -0.2 - 0.01 * s, 0.02)).ToList();
        var escapes = ScalingStudy.Grid(quick: true).Select(g => new EscapePoint(g.Sigma, g.Eta, g.M, 0,
            (long)(1e-3 * Math.Pow(g.Sigma, -2) * Math.Pow(g.Eta, -2) * Math.Pow(g.M, -0.5) * (1 + 0.01 * g.M % 3)), 1e9)).ToList();
        var markdown = VerifyReport.Markdown(ClaimSuite.Evaluate(seeds, escapes), 3, quick: true, "x");
        var table = markdown.Split('\n').Where(l => l.StartsWith('|') && !l.StartsWith("|---", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Split(l, @"(?<!\\)\|").Select(c => c.Trim()).ToArray())
            .Select(c => string.Join(" | ", c[1], c[2], c[3], c[6]));
        Snapshot.Match(new { headings = markdown.Split('\n').Where(l => l.StartsWith('#')), table });
    }
}
