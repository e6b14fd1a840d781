using Lnsgd.Core.Simulation;
using Lnsgd.Shell.Plots;

namespace Lnsgd.Shell.Reproduction;

/// <summary>The overlay figures of the report, one or two per experiment, each as PNG and SVG.</summary>
public static class ExperimentFigures
{
    private const int Width = 1100, PanelHeight = 560;

    /// <summary>Writes the experiment's figures into <paramref name="dir"/>; returns the PNG names to embed.</summary>
    public static IReadOnlyList<string> Write(string dir, Experiment experiment, IReadOnlyList<LabelledRun> runs, RunConfig first)
    {
        var id = experiment.Id;
        var written = new List<string>();
        switch (experiment.Kind)
        {
            case ExperimentKind.TwoPhases:
                Save(dir, id + "_losses", written, Figures.Losses(runs));
                Save(dir, id + "_phases", written,
                    Figures.Series(runs, ["mean_w_sq"], logY: true, title: "Phase I: mean squared norm of the first-layer neurons"),
                    Figures.Series(runs, ["mean_cos"], title: "Phase II: mean |cos(w_i, θ⋆)| (chance ≈ √(2/(πd)))"));
                break;
            case ExperimentKind.Periodic:
                var windows = RunSpec.BuildSchedule(first).OnWindows(first.Steps).Select(w => new StepWindow(w.Start, w.End)).ToList();
                Save(dir, id + "_norms", written,
                    Figures.Series(runs, ["w_frob"], shaded: windows, title: "‖W‖_F: falls only while the label noise is on"),
                    Figures.Series(runs, ["max_abs_a", "a_norm"], shaded: windows, title: "Second layer: max |a_i| and ‖a‖"));
                break;
            case ExperimentKind.Oscillation:
                Save(dir, id + "_norms", written,
                    Figures.Series(runs, ["mean_w_sq"], logY: true, title: $"Mean ‖w_i‖² under the oscillation simulation (Lemma 4 bound √η = {Math.Sqrt(first.Eta):G3})"),
                    Figures.Series(runs, ["mean_cos"], title: "Mean |cos(w_i, θ⋆)|"));
                break;
        }
        return written;
    }

    private static void Save(string dir, string stem, List<string> written, params ScottPlot.Plot[] panels)
    {
        try
        {
            FigureFile.Write(dir, stem, panels, Width, PanelHeight * panels.Length);
            written.Add(stem + ".png");
        }
        finally
        {
            foreach (var p in panels) p.Dispose();
        }
    }
}
