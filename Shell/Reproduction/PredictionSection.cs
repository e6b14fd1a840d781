using System.Text;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Prediction;
using Lnsgd.Core.Simulation;

namespace Lnsgd.Shell.Reproduction;

/// <summary>
/// report.md's "Measured and predicted" section (docs/prediction.md): for every reproduced run
/// the limiting flow covers, the measured value next to the corrected flow's prediction.
/// </summary>
public static class PredictionSection
{
    /// <summary>The section's markdown, or "" when no run is covered.</summary>
    public static string Markdown(IReadOnlyDictionary<string, ReproducedRun> runs)
    {
        var covered = runs.Values.Where(r => Applicability.Refusal(r.Config) is null).OrderBy(r => r.Preset, StringComparer.Ordinal).ToList();
        if (covered.Count == 0) return "";
        var sb = new StringBuilder("\n## Measured and predicted\n\n");
        sb.Append("The corrected limiting flow (`lnsgd predict`, docs/prediction.md) for each run it covers ")
          .Append("(SAM, the oscillation simulation and schedules are not covered). Each cell: measured / predicted.\n\n");
        sb.Append("| preset | mean ‖w‖² end | norm halved at | cos ≥ 0.5 at | cos ≥ 0.9 at | final test loss (stationary) |\n|---|---|---|---|---|---|\n");
        foreach (var run in covered)
        {
            Core.Prediction.Prediction p;
            try { p = Predictor.Of(RunSpec.Resolve(run.Config)); }
            catch (ArithmeticException e) { sb.Append($"| `{run.Preset}` | no prediction: {e.Message} ||||||\n"); continue; }
            var s = RunSummary.Of(run.Trajectory);
            sb.Append($"| `{run.Preset}` | {Format.Num(s.FinalMeanWSq)} / {Format.Num(p.Corrected.MeanWSq[^1])} | {Format.Step(s.NormHalvedStep)} / {Step(p.Steps.Phase1Half)} | ")
              .Append($"{Format.Step(s.Cos05Step)} / {Step(p.Steps.Cos05)} | {Format.Step(s.Cos09Step)} / {Step(p.Steps.Cos09)} | ")
              .Append($"{Format.Num(s.FinalTestLoss)} / {(p.Stationary.TestLoss is { } t ? Format.Num(t) : "—")} |\n");
        }
        return sb.ToString();
    }

    private static string Step(double? step) => step is { } v ? Format.Step((long)v) : "—";
}
