using Lnsgd.Core.Claims;
using Lnsgd.Shell.Verification;
using Xunit;

namespace Lnsgd.Properties.Claims;

/// <summary>
/// The quick claim suite inside <c>dotnet test</c>: two seeds of the rows that need no long
/// preset run (Lemma 3 per neuron and its law in m, Lemmas 5–6 from the entry condition, Phase II
/// attribution over a quarter of the full horizon). Every row that can fail must hold, except the
/// findings README reports as failing claims of the paper, which must keep failing: a change that
/// turns a finding around must be looked at, not absorbed. The full suite is <c>lnsgd verify</c>.
/// </summary>
public class QuickClaimSuiteTests
{
    /// <summary>Rows where the measurement contradicts the paper's statement at its setting (README "Checking the theory").</summary>
    public static readonly IReadOnlySet<string> Findings = new HashSet<string>
    {
        "lemma3-per-neuron-d1", "lemma3-per-neuron-d2", "lemma5-gd-min-cos", "phase2-attribution-off",
    };

    [Fact]
    public void Every_row_that_can_fail_holds_except_the_reported_findings_which_fail()
    {
        var parts = new SeedMeasurer.Parts(Presets: false, Lemma3: true, LemmasFiveSix: true, Attribution: true, NoiseTypes: false);
        var seeds = new[] { 0UL, 1UL }.AsParallel().Select(s => SeedMeasurer.Measure(s, quick: true, parts)).OrderBy(s => s.Seed).ToList();
        var law = new[] { 250, 1000, 4000 }.Select(m => SeedMeasurer.Lemma3Law(2, m)).ToList();
        var rows = ClaimSuite.Evaluate(seeds, [], law, quick: true);
        Assert.Contains(rows, r => r.Id.StartsWith("lemma3-per-neuron", StringComparison.Ordinal) && r.CanFail);
        Assert.Contains(rows, r => r.Id.StartsWith("lemma5-", StringComparison.Ordinal) && r.CanFail);
        Assert.Contains(rows, r => r.Id.StartsWith("lemma6-", StringComparison.Ordinal) && r.CanFail);
        Assert.Contains(rows, r => r.Id == "phase2-attribution" && r.CanFail);
        Assert.All(rows, r => Assert.True(r.CanFail || r.Verdict == ClaimVerdict.Info, $"{r.Id} cannot fail but says {r.VerdictWord}"));
        var wrong = rows.Where(r => r.CanFail && (Findings.Contains(r.Id) ? r.Verdict != ClaimVerdict.Fails : r.Verdict != ClaimVerdict.Holds))
            .Select(r => $"{r.Id}: {r.VerdictWord} ({r.Measured.Mean:G4} [{r.Measured.Low:G4}, {r.Measured.High:G4}] vs {r.Threshold})").ToList();
        Assert.True(wrong.Count == 0, string.Join("; ", wrong));
    }
}
