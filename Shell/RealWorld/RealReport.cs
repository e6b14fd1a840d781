using System.Globalization;
using System.Text;
using Lnsgd.Core.Measures;
using Lnsgd.Core.RealWorld;

namespace Lnsgd.Shell.RealWorld;

/// <summary>
/// The Markdown of real-data and nonlinear results: per preset, the paper's claim, the setting,
/// a table of what each arm measured and the comparisons the claim is about. Written into each
/// preset's summary.md and, by <c>reproduce --real</c>, into report.md.
/// </summary>
public static class RealReport
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>The columns of the table of a linearisation or SAM experiment.</summary>
    public static IReadOnlyList<string> LinearisationColumns { get; } =
    [
        "run", "steps", "clean train loss", "test loss", "train acc", "test acc", "‖W‖_F change", "mean ‖w_i‖",
        "‖θ − θ0‖/‖θ0‖", "dist. to own linearisation", "dist. to clean linearised", "kernel distance",
    ];

    /// <summary>The section of an image preset. <paramref name="figures"/> are PNG paths relative to the Markdown file.</summary>
    public static string Images(ImageResult r, IReadOnlyList<string> figures, int level = 2)
    {
        var sb = new StringBuilder();
        var c = r.Config;
        var h = new string('#', level);
        sb.Append($"{h} {Title(r.Preset)}\n\n");
        sb.Append($"**The paper's claim.** {Claim(r.Preset.Experiment)}\n\n");
        sb.Append($"**Setting.** {r.Task.Dataset}: {r.Task.Train.Rows:N0} of {r.Task.TrainTotal:N0} training and {r.Task.Test.Rows:N0} of {r.Task.TestTotal:N0} test images " +
                  $"(seeded subset, standardised {(c.Standardise == "train" ? "by the training subset's pixel mean and std" : "per split by its pixel mean and std")}); " +
                  $"{r.Task.Train.D}-{c.Width}-{r.Task.Train.Classes} network, {c.Activation}, {c.Param} parameterisation (σ_w = {Num(c.WStd)}, σ_b = {Num(c.BStd)}{(c.Bias ? "" : ", no biases")}), " +
                  $"{c.Loss} loss, η = {Num(c.Eta)}, " +
                  (c.Batch > 0 && c.Batch < r.Task.Train.Rows ? $"SGD with batch {c.Batch} for {c.Epochs} epoch{(c.Epochs == 1 ? "" : "s")} ({ArmRun.TotalSteps(c, r.Task.Train.Rows):N0} steps)" : $"full-batch GD for {c.Steps:N0} steps") +
                  $"; label noise: {Noise(c, r.Preset.Experiment)}; seed {c.Seed}.\n\n");
        var summaries = RealSummary.Of(r.Preset.Experiment, r.Arms);
        if (r.Preset.Experiment is RealExperiment.Pruning) Pruning(sb, r, summaries);
        else Linearisation(sb, r, summaries);
        foreach (var png in figures) sb.Append($"![{Path.GetFileNameWithoutExtension(png)}]({png})\n\n");
        return sb.ToString();
    }

    /// <summary>The section of a teacher preset.</summary>
    public static string Teacher(TeacherResult r, IReadOnlyList<string> figures, int level = 2)
    {
        var sb = new StringBuilder();
        var h = new string('#', level);
        sb.Append($"{h} {r.Preset.Name}: Fig. 2 with a {r.Preset.Activation} network (beyond the paper)\n\n");
        sb.Append("**The question.** The paper proves its two phases for linear networks only. Does label noise SGD on the same teacher task " +
                  $"still shrink the first layer (Phase I) and then align the neurons with θ⋆ (Phase II) when the network is f(x) = aᵀ{r.Preset.Activation}(Wx)?\n\n");
        sb.Append($"**Setting.** fig2's task and draws (n = {r.Config.N}, d = {r.Config.D}, m = {r.Config.M}, η = {Num(r.Config.Eta)}, σ = {Num(r.Config.Sigma)}, batch {r.Config.Batch}), " +
                  $"{r.Config.Steps:N0} steps, no biases, W(0) and a(0) as Eq. 5. Losses are the network's clean losses; norms and alignments are of the rows w_i of W.\n\n");
        sb.Append("| run | mean ‖w_i‖² start | end | halved at | mean cos start | end | cos ≥ 0.5 at | cos ≥ 0.9 at | final train loss | final test loss |\n");
        sb.Append("|---|---|---|---|---|---|---|---|---|---|\n");
        foreach (var run in new[] { r.Noisy, r.Clean })
        {
            var s = RunSummary.Of(run.Trajectory);
            var last = run.Trajectory.Rows[^1];
            sb.Append($"| {run.Label} | {Num(s.InitialMeanWSq)} | {Num(s.FinalMeanWSq)} | {Step(s.NormHalvedStep)} | {Num(s.InitialMeanCos)} | {Num(s.FinalMeanCos)} | " +
                      $"{Step(s.Cos05Step)} | {Step(s.Cos09Step)} | {Num(last.TrainLoss)} | {Num(last.TestLoss)} |\n");
        }
        var noisy = RunSummary.Of(r.Noisy.Trajectory);
        var clean = RunSummary.Of(r.Clean.Trajectory);
        // The same phase rules as reproduce and verify (Core/Claims/PhaseRules).
        var phases = Lnsgd.Core.Claims.PhaseRules.Of(r.Noisy.Trajectory.Rows);
        var (phase1, phase2) = (phases.PhaseOne, phases.PhaseTwo);
        sb.Append($"\n**This run.** With label noise: Phase I {(phase1 ? $"at step {noisy.NormHalvedStep:N0}" : "not reached (mean ‖w_i‖² never halved)")}, " +
                  $"Phase II {(phase2 ? $"at step {phases.Aligned:N0} (mean cosine ≥ 0.9, after Phase I)" : $"not reached (mean cosine ended at {Num(noisy.FinalMeanCos)})")}. " +
                  $"Clean SGD: mean ‖w_i‖² {Num(clean.InitialMeanWSq)} → {Num(clean.FinalMeanWSq)}, mean cosine {Num(clean.InitialMeanCos)} → {Num(clean.FinalMeanCos)}. " +
                  $"{(phase1 && phase2 ? "Both phases survive this nonlinearity here." : phase1 ? "Phase I survives this nonlinearity here; Phase II did not complete within this run." : "The phases did not appear in this run.")}\n\n");
        foreach (var png in figures) sb.Append($"![{Path.GetFileNameWithoutExtension(png)}]({png})\n\n");
        return sb.ToString();
    }

    private static void Linearisation(StringBuilder sb, ImageResult r, IReadOnlyList<ArmSummary> summaries)
    {
        sb.Append("| ").AppendJoin(" | ", LinearisationColumns).Append(" |\n");
        sb.Append('|').Append(string.Concat(LinearisationColumns.Select(_ => "---|"))).Append('\n');
        foreach (var s in summaries)
            sb.Append($"| {s.Label} | {s.Steps:N0}{(s.DivergedAt is { } d ? $" (diverged at {d:N0})" : "")} | {Num(s.TrainLoss)} | {Num(s.TestLoss)} | {Num(s.TrainAccuracy)} | {Num(s.TestAccuracy)} | " +
                      $"{Percent(s.WFrobChange)} | {Num(s.UnitNormMean)} | {Num(s.ParamChange)} | {Opt(s.TwinDistance)} | {Opt(s.BaselineDistance)} | {(s.Linearised ? "0 (fixed)" : Num(s.KernelDistance))} |\n");
        sb.Append("\nDistances are ‖F − F_lin‖_F / ‖F_lin‖_F over the test set's outputs at the last step; a network's own linearisation is the linearised model " +
                  "trained with the same optimiser and the same noisy labels; the kernel distance is 1 − ⟨K0, Kt⟩_F/(‖K0‖_F‖Kt‖_F) of the empirical NTK on the probe set.\n\n");
        var networks = summaries.Where(s => !s.Linearised).ToList();
        if (networks.Count == 2 && networks.All(s => s.BaselineDistance is not null))
        {
            var (first, second) = (networks[0], networks[1]);
            var ratio = first.BaselineDistance > 0 ? second.BaselineDistance / first.BaselineDistance : null;
            var twinRatio = first.TwinDistance > 0 && second.TwinDistance is not null ? second.TwinDistance / first.TwinDistance : null;
            sb.Append($"**This run.** The {second.Label} network ends {Opt(ratio)}× as far from the clean linearised model as the {first.Label} network " +
                      $"({Opt(second.BaselineDistance)} vs {Opt(first.BaselineDistance)}), and {Opt(twinRatio)}× as far from its own linearisation " +
                      $"({Opt(second.TwinDistance)} vs {Opt(first.TwinDistance)}); ‖W‖_F changed by {Percent(second.WFrobChange)} against {Percent(first.WFrobChange)}; " +
                      $"the kernel moved {Num(second.KernelDistance)} against {Num(first.KernelDistance)}.\n\n");
        }
    }

    private static void Pruning(StringBuilder sb, ImageResult r, IReadOnlyList<ArmSummary> summaries)
    {
        sb.Append("| run | epochs | final test acc | best test acc | final clean train loss | ‖W‖_F change |\n|---|---|---|---|---|---|\n");
        foreach (var s in summaries)
        {
            var arm = r.Arms.First(a => a.Arm.Label == s.Label);
            sb.Append($"| {s.Label} | {arm.Rows[^1].Epoch:F0}{(s.DivergedAt is { } d ? $" (diverged at step {d:N0})" : "")} | {Num(s.TestAccuracy)} | {Num(s.BestTestAccuracy)} | {Num(s.TrainLoss)} | {Percent(s.WFrobChange)} |\n");
        }
        var percents = r.Arms.FirstOrDefault(a => a.Pruning.Length > 0)?.Pruning.Select(p => p.KeptPercent).ToList() ?? [];
        if (percents.Count == 0) return;
        sb.Append("\nTest accuracy after global magnitude pruning of W and A (biases kept), by the percentage of weights kept:\n\n");
        sb.Append("| % kept | ").AppendJoin(" | ", r.Arms.Select(a => a.Arm.Label)).Append(" |\n|---|").Append(string.Concat(r.Arms.Select(_ => "---|"))).Append('\n');
        for (var k = 0; k < percents.Count; k++)
            sb.Append($"| {Num(percents[k])} | ").AppendJoin(" | ", r.Arms.Select(a => k < a.Pruning.Length ? Num(a.Pruning[k].TestAccuracy) : "—")).Append(" |\n");
        var clean = r.Arms[0];
        var best = r.Arms.Skip(1).Where(a => a.DivergedAt is null).OrderByDescending(a => a.Rows[^1].TestAccuracy).FirstOrDefault();
        if (best is not null)
            sb.Append($"\n**This run.** Final test accuracy: {string.Join("; ", r.Arms.Select(a => $"{a.Arm.Label} {Num(a.Rows[^1].TestAccuracy)}"))}. " +
                      $"Best label noise run minus SGD: {PercentPoints(best.Rows[^1].TestAccuracy - clean.Rows[^1].TestAccuracy)} at the end.\n");
        sb.Append('\n');
    }

    private static string Title(RealPreset.Images p) => p.Experiment switch
    {
        RealExperiment.Linearisation => $"{p.Name}: Fig. 3 — label noise GD leaves the linearised (lazy) regime",
        RealExperiment.Sam => $"{p.Name}: Fig. 5 — full-batch SAM against GD and the linearised model",
        _ => $"{p.Name}: Fig. 1 — SGD vs label noise SGD, test accuracy and magnitude pruning",
    };

    private static string Claim(RealExperiment e) => e switch
    {
        RealExperiment.Linearisation => "Without label noise the wide network tracks its linearisation (lazy training); with label noise it departs from it and the first layer's ‖W‖_F falls.",
        RealExperiment.Sam => "Like label noise, SAM moves the network away from its linearisation while GD stays close to it.",
        _ => "Label noise SGD (Algorithm 1) reaches better test accuracy than plain SGD (about 1.5 % for ResNet-18 on CIFAR-10) and keeps it better under magnitude pruning.",
    };

    private static string Noise(RealConfig c, RealExperiment e) => e is RealExperiment.Sam ? $"none; the SAM arms use ρ = {Num(c.Rho)}" :
        (e is RealExperiment.Pruning ? $"τ ∈ {{{c.NoiseLevels}}} against clean" : $"rate {Num(c.Noise)} on the noisy arms") + ", new class uniform on " +
        $"{(c.NoiseClasses == "other" ? "the other c − 1 classes (Algorithm 1)" : "all c classes (the notebook)")}, " +
        $"{(c.NoiseRedraw == "step" ? "redrawn at every step" : "drawn once and kept")}";

    /// <summary>Four significant digits.</summary>
    public static string Num(double v) => v.ToString("G4", Inv);

    private static string Opt(double? v) => v is { } x ? Num(x) : "—";

    private static string Percent(double v) => (v >= 0 ? "+" : "") + (100 * v).ToString("G3", Inv) + " %";

    private static string PercentPoints(double v) => (v >= 0 ? "+" : "") + (100 * v).ToString("F2", Inv) + " percentage points";

    private static string Step(long? s) => s is { } x ? x.ToString("N0", Inv) : "—";
}
