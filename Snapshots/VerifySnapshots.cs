using Lnsgd.Core.Claims;
using Lnsgd.Core.Theory;
using Lnsgd.Shell.Verification;
using Snapshooter.Xunit;
using Xunit;

namespace Lnsgd.Snapshots;

/// <summary>The layout of verify.md: its columns and one row per claim (ids, claims, statistics, thresholds, can fail), not the numbers.</summary>
public class VerifySnapshots
{
    [Fact]
    public void Verify_report_layout()
    {
        // Stand-in measurements: the layout must not depend on the values.
        var seeds = Enumerable.Range(0, 3).Select(s => new SeedMeasurements
        {
            Seed = (ulong)s, NoiseMinNormRatio = 0.01, CleanNormChange = 0.001, NoiseEscapeStep = 4000 + s, CleanLazyStat = 0.1,
            NoiseFinalCos = 0.95, NoisePhasesInOrder = true, Lemma3 = new Lemma3Frequencies(100, 90, 60, 10),
            Lemma3PerNeuron = [new Lemma3Neurons(1, 1000, 0.47, 0, 0.2, 0.05), new Lemma3Neurons(2, 1000, 0.67, 0.001 * s, 0.7, 0.03)],
            DriftRatio = 1.0 + 0.01 * s, DriftNoiseShare = 0.5, PeriodicOffOnRatio = 0.005, PeriodicASettleRatio = 0.1, OscillationMinNorm = 0.002,
            SamFinalCos = 0.98, SamMinNormRatio = 0.01, OverparamTestGap = -0.2 - 0.01 * s, ReferenceTestGap = 0.02,
            NoiseMaxAbsA = 0.3, NoiseInitialMaxAbsA = 0.1, EffectiveRank = (1.1, 18), Participation = (0.5, 0.9),
            Gd = new PhaseTwoRun(true, 0.01, 0.4, 0.02, 0.45, 0.001, null), LabelNoise = new PhaseTwoRun(true, 0.01, 0.5, 0.1, 0.6, 0.1, null),
            Attribution = new Attribution(250_000, 1_000_000, 0.3, 0.31, 0.9, 0.7),
            NoiseTypes = [.. ClaimSettings.NoiseTypes.Select(t => new NoiseTypeRun(t.Name, 0.4, 0.2, 0.5))],
        }).ToList();
        var escapes = ScalingStudy.Grid(quick: true).Select(g => new EscapePoint(g.Sigma, g.Eta, g.M, 0,
            (long)(1e-3 * Math.Pow(g.Sigma, -2) * Math.Pow(g.Eta, -2) * Math.Pow(g.M, -0.5) * (1 + 0.01 * g.M % 3)), 1e9)).ToList();
        var law = ClaimSettings.Lemma3LawWidths.Select(m => new Lemma3LawPoint(20, m, 3 / Math.Sqrt(m))).ToList();
        var markdown = VerifyReport.Markdown(ClaimSuite.Evaluate(seeds, escapes, law, quick: true), 3, quick: true, "x");
        var table = markdown.Split('\n').Where(l => l.StartsWith('|') && !l.StartsWith("|---", StringComparison.Ordinal))
            .Select(l => System.Text.RegularExpressions.Regex.Split(l, @"(?<!\\)\|").Select(c => c.Trim()).ToArray())
            .Select(c => string.Join(" | ", c[1], c[2], c[3], c[6], c[8]));
        Snapshot.Match(new { headings = markdown.Split('\n').Where(l => l.StartsWith('#')), table });
    }
}
