using System.Text;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Predictions;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Shell.Reproduction;

/// <summary>
/// report.md's "Measured and predicted" section (docs/prediction.md): for every reproduced run
/// the limiting flow covers, the measured value next to the corrected flow's prediction.
/// </summary>
public static class PredictionSection
{
    /// <summary>The prediction for one run, or why there is none.</summary>
    public sealed record Outcome(Core.Predictions.Prediction? Value, string? Error);

    /// <summary>The prediction of every run the flow covers (SAM, the oscillation chain and schedules are not), by preset.</summary>
    public static IReadOnlyDictionary<string, Outcome> Predict(IReadOnlyDictionary<string, ReproducedRun> runs) =>
        runs.Values.Where(r => Applicability.Refusal(r.Config) is null).ToDictionary(r => r.Preset, r =>
        {
            try { return new Outcome(Predictor.Of(RunSpec.Resolve(r.Config)), null); }
            catch (ArithmeticException e) { return new Outcome(null, e.Message); }
        });

    /// <summary>The section's markdown, or "" when no run is covered.</summary>
    public static string Markdown(IReadOnlyDictionary<string, ReproducedRun> runs, IReadOnlyDictionary<string, Outcome> predictions)
    {
        var covered = runs.Values.Where(r => predictions.ContainsKey(r.Preset)).OrderBy(r => r.Preset, StringComparer.Ordinal).ToList();
        if (covered.Count == 0) return "";
        var sb = new StringBuilder("\n## Measured and predicted\n\n");
        sb.Append("The corrected limiting flow (`lnsgd predict`, docs/prediction.md) for each run it covers ")
          .Append("(SAM, the oscillation simulation and schedules are not covered). Each cell: measured / predicted. ")
          .Append("Mean ‖w‖² and the test loss fluctuate around their plateau, so both are averaged over the last fifth of the records ")
          .Append("(the prediction's test loss is its stationary mean).\n\n");
        sb.Append("| preset | mean ‖w‖², last fifth | norm halved at | cos ≥ 0.5 at | cos ≥ 0.9 at | test loss, last fifth |\n|---|---|---|---|---|---|\n");
        foreach (var run in covered)
        {
            if (predictions[run.Preset] is not { Value: { } p } outcome) { sb.Append($"| `{run.Preset}` | no prediction: {predictions[run.Preset].Error} ||||||\n"); continue; }
            var s = RunSummary.Of(run.Trajectory);
            var rows = run.Trajectory.Rows;
            var measuredW = LastFifth(rows.Select(r => r.MeanWSq).ToArray());
            var measuredTest = LastFifth(rows.Select(r => r.TestLoss).ToArray());
            sb.Append($"| `{run.Preset}` | {Format.Num(measuredW)} / {Format.Num(LastFifth([.. p.Corrected.MeanWSq]))} | {Format.Step(s.NormHalvedStep)} / {Step(p.Steps.Phase1Half)} | ")
              .Append($"{Format.Step(s.Cos05Step)} / {Step(p.Steps.Cos05)} | {Format.Step(s.Cos09Step)} / {Step(p.Steps.Cos09)} | ")
              .Append($"{Format.Num(measuredTest)} / {(p.Stationary.TestLoss is { } t ? Format.Num(t) : "—")} |\n");
        }
        return sb.Append('\n').ToString();
    }

    // The mean of the last fifth of a recorded column (at least its last value): the window verify's stationary rows use.
    private static double LastFifth(IReadOnlyList<double> values) => values.Skip(values.Count * 4 / 5).DefaultIfEmpty(double.NaN).Average();

    private static string Step(double? step) => step is { } v ? Format.Step((long)v) : "—";
}
