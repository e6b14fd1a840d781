using System.Text;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Shell.Reproduction;

/// <summary>A finished run of the reproduction: its preset, config, engine and trajectory.</summary>
public sealed record ReproducedRun(string Preset, RunConfig Config, string Engine, Trajectory Trajectory);

/// <summary>
/// report.md: per experiment, the paper's claim, what this run measured and the verdict, with
/// the figures embedded; a summary table puts label noise and clean runs side by side.
/// </summary>
public static class ReportWriter
{
    /// <summary>The summary table's columns.</summary>
    public static IReadOnlyList<string> SummaryColumns { get; } =
    [
        "experiment", "run", "preset", "engine", "steps", "mean ‖w‖² start", "mean ‖w‖² end", "norm halved at",
        "mean cos start", "mean cos end", "cos ≥ 0.5 at", "cos ≥ 0.9 at", "final test loss", "verdict",
    ];

    /// <summary>The report text.</summary>
    public static string Write(string version, bool quick, ulong seed, IReadOnlyDictionary<string, ReproducedRun> runs,
        IReadOnlyDictionary<string, IReadOnlyList<string>> figures, IReadOnlyDictionary<string, PredictionSection.Outcome>? predictions = null)
    {
        var sb = new StringBuilder();
        sb.Append("# Reproduction of the paper's synthetic experiments\n\n");
        sb.Append($"Made by `lnsgd reproduce{(quick ? " --quick" : "")}` (lnsgd {version}), seed {seed}. ");
        sb.Append("Every number below was measured by this run; each run's folder is under `runs/PRESET/` ");
        sb.Append("(metrics.csv, figures, manifest.json with the full config and trajectory hash).\n");
        if (quick)
            sb.Append($"\n**Quick mode:** every step count is divided by {Commands.ReproduceCommand.QuickDivisor} (same code paths). Verdicts judge these shortened runs; " +
                      "the full reproduction is `lnsgd reproduce`.\n");

        sb.Append("\n## Summary\n\n");
        sb.Append("| ").AppendJoin(" | ", SummaryColumns).Append(" |\n");
        sb.Append('|').Append(string.Concat(SummaryColumns.Select(_ => "---|"))).Append('\n');
        foreach (var experiment in ReproductionPlan.Synthetic)
            foreach (var er in experiment.Runs)
            {
                var run = runs[er.Preset];
                var s = RunSummary.Of(run.Trajectory);
                var v = Verdicts.Judge(experiment, er, run.Config, run.Trajectory);
                sb.Append($"| {experiment.Id} | {er.Label} | `{er.Preset}` | {run.Engine} | {run.Config.Steps:N0} | {Format.Num(s.InitialMeanWSq)} | {Format.Num(s.FinalMeanWSq)} | {Format.Step(s.NormHalvedStep)} | ");
                sb.Append($"{Format.Num(s.InitialMeanCos)} | {Format.Num(s.FinalMeanCos)} | {Format.Step(s.Cos05Step)} | {Format.Step(s.Cos09Step)} | {Format.Num(s.FinalTestLoss)} | {(v.Holds ? "holds" : "does not hold")} |\n");
            }

        foreach (var experiment in ReproductionPlan.Synthetic)
        {
            sb.Append($"\n## {experiment.Title}\n\n");
            sb.Append($"**The paper's claim.** {experiment.Claim}\n\n");
            sb.Append("**This run.**\n\n");
            var all = true;
            foreach (var er in experiment.Runs)
            {
                var run = runs[er.Preset];
                var v = Verdicts.Judge(experiment, er, run.Config, run.Trajectory);
                all &= v.Holds;
                sb.Append($"- {er.Label} (`{er.Preset}`, {run.Config.Steps:N0} steps): {v.Measured}. {(v.Holds ? "As claimed." : "**Not as claimed.**")}\n");
            }
            if (experiment.Kind == ExperimentKind.TwoPhases)
                sb.Append("\nFinal clean test loss: ").AppendJoin("; ", experiment.Runs.Select(r =>
                    $"{r.Label} {Format.Num(RunSummary.Of(runs[r.Preset].Trajectory).FinalTestLoss)}")).Append(
                    ". (With n > d the clean interpolator is θ⋆ itself, so plain SGD generalises exactly here; " +
                    "label noise leaves a stationary fluctuation of θ around θ⋆.)\n");
            sb.Append($"\n**Verdict.** {(all ? "Reproduced in this run." : "Not reproduced in this run (see the lines above).")}\n\n");
            foreach (var png in figures[experiment.Id]) sb.Append($"![{experiment.Id}: {Path.GetFileNameWithoutExtension(png)}]({png})\n\n");
        }
        sb.Append(PredictionSection.Markdown(runs, predictions ?? PredictionSection.Predict(runs)));
        Condition1(sb);
        return sb.ToString();
    }

    // Condition 1 per preset (the same checks as verify's condition1 row): which assumptions each preset meets.
    private static void Condition1(StringBuilder sb)
    {
        sb.Append("## Condition 1 per preset\n\n");
        sb.Append("The paper's sufficient condition for its theorems (A1–A6; Ω(·) constants taken as 1). A2 (η ≤ 1/C^96) and A5, A6 name no ");
        sb.Append("usable constant; A2's column gives the largest C it allows. Every preset is outside Condition 1, and the phases appear anyway.\n\n");
        sb.Append("| preset | A1 | A2 | A3 | A4 | A5 | A6 |\n|---|---|---|---|---|---|---|\n");
        foreach (var (preset, checks) in Core.Claims.ClaimSuite.Condition1PerPreset())
            sb.Append($"| `{preset}` | ").AppendJoin(" | ", checks.Select(c => $"{(c.Holds switch { true => "holds", false => "fails", null => "undecided" })}: {c.Measured}")).Append(" |\n");
        sb.Append('\n');
    }
}
