using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Plots;

namespace Lnsgd.Shell.Reproduction;

/// <summary>
/// The overlay figures of the report, one or two per experiment, each as PNG and SVG, every
/// run drawn as its seed mean with a 95 % band, the phase markers on the phase panels.
/// </summary>
public static class ExperimentFigures
{
    private const int Width = 1100, PanelHeight = 560;

    /// <summary>What to see in each figure <see cref="Write"/> makes, by file stem: the gallery's and the report's one-line captions.</summary>
    public static string Caption(string stem) => stem switch
    {
        "fig2_losses" => "Clean train and test loss: label noise SGD settles at a stationary level, plain SGD interpolates (drawn at the floor once below it).",
        "fig2_phases" => "Label noise SGD first shrinks mean ‖w_i‖² by two decades (Phase I), then the cosine climbs from chance to ~1 (Phase II); plain SGD does neither.",
        "periodic_norms" => "‖W‖_F falls only inside the shaded noise-on windows and stays flat while the noise is off.",
        "oscillation_norms" => "Under the oscillation simulation mean ‖w_i‖² falls below √η (Lemma 4), while the cosine barely leaves chance.",
        "fig4_losses" => "SAM, SAM + label noise and plain SGD: clean train and test loss.",
        "fig4_phases" => "SAM (with or without label noise) shows both phases like label noise SGD: norms fall first, then alignment rises; plain SGD does neither.",
        _ => "",
    };

    /// <summary>Writes the experiment's figures into <paramref name="dir"/>; returns the PNG names to embed.</summary>
    public static IReadOnlyList<string> Write(string dir, Experiment experiment, IReadOnlyList<LabelledRun> runs, RunConfig first) =>
        Write(dir, experiment, [.. runs.Select(LabelledSeeds.Of)], first);

    /// <summary>
    /// Writes the experiment's figures over seeds into <paramref name="dir"/>; returns the PNG
    /// names to embed. <paramref name="theory"/> curves are drawn dashed on the panels of their column.
    /// </summary>
    public static IReadOnlyList<string> Write(string dir, Experiment experiment, IReadOnlyList<LabelledSeeds> runs, RunConfig first,
        StepScale axis = StepScale.Auto, IReadOnlyList<TheoryCurve>? theory = null)
    {
        var id = experiment.Id;
        var written = new List<string>();
        switch (experiment.Kind)
        {
            case ExperimentKind.TwoPhases:
                Save(dir, id + "_losses", written, Figures.Losses(runs, axis: axis, theory: theory));
                Save(dir, id + "_phases", written, [.. Figures.Phases(runs, first.D, axis: axis, theory: theory)]);
                break;
            case ExperimentKind.Periodic:
                var windows = RunSpec.BuildSchedule(first).OnWindows(first.Steps).Select(w => new StepWindow(w.Start, w.End)).ToList();
                Save(dir, id + "_norms", written,
                    Figures.Bands(runs, ["w_frob"], shaded: windows, title: "‖W‖_F: falls only while the label noise is on", axis: axis, theory: theory),
                    Figures.Bands(runs, ["max_abs_a", "a_norm"], shaded: windows, title: "Second layer: max |a_i| and ‖a‖", axis: axis, theory: theory));
                break;
            case ExperimentKind.Oscillation:
                var root = Math.Sqrt(first.Eta);
                var panels = Figures.Phases(runs, first.D, axis: axis, theory: theory,
                    normReferences: [new Reference($"Lemma 4 bound √η = {root:G3}", root)]);
                Save(dir, id + "_norms", written, [.. panels]);
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
