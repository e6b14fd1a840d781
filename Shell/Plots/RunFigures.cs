using System.Globalization;
using Lnsgd.Core.Simulations;
using ScottPlot;

namespace Lnsgd.Shell.Plots;

/// <summary>
/// What the figures of a run need beyond its trajectory: ‖θ⋆‖ (for the neurons' cosines; the
/// config's teacher_norm when null), the iteration axis, and theory curves to overlay.
/// </summary>
public sealed record FigureOptions(double? TeacherNorm = null, StepScale Axis = StepScale.Auto, IReadOnlyList<TheoryCurve>? Theory = null);

/// <summary>
/// The figure files of a run folder (the paper's Fig. 2) and the comparison figure of several
/// labelled runs, each as PNG and SVG.
/// </summary>
public static class RunFigures
{
    /// <summary>Width of every figure, in pixels.</summary>
    public const int Width = 1100;

    /// <summary>Height of one panel, in pixels; a stacked figure is a multiple of it.</summary>
    public const int Height = 650;

    /// <summary>The file stems of one run's figure set, in the order they are written.</summary>
    public static IReadOnlyList<string> Stems { get; } = ["losses", "phases", "neuron_path", "neuron_clouds"];

    /// <summary>The files <see cref="Write"/> produces, in order.</summary>
    public static IReadOnlyList<string> FileNames { get; } = [.. Stems.SelectMany(s => new[] { s + ".png", s + ".svg" })];

    /// <summary>
    /// Writes the standard figure set of one run into <paramref name="dir"/> (which must exist):
    /// losses, the two phases (norms and cosines with the phase markers), the traced neuron's
    /// path and the neuron clouds. Returns the file names written. <paramref name="caption"/>,
    /// if given, is shown under each title; <paramref name="config"/> gives d (the chance level)
    /// and ‖θ⋆‖.
    /// </summary>
    public static IReadOnlyList<string> Write(string dir, Trajectory trajectory, string? caption = null, int? tracedNeuron = null,
        RunConfig? config = null, FigureOptions? options = null, Action? beforeEach = null)
    {
        LabelledSeeds[] runs = [new("run", [trajectory])];
        var o = options ?? new FigureOptions();
        var norm = o.TeacherNorm ?? config?.TeacherNorm ?? 1.0;
        // beforeEach runs before each figure is drawn: a stop request ends the drawing there.
        IReadOnlyList<string> Next(Func<IReadOnlyList<string>> draw) { beforeEach?.Invoke(); return draw(); }
        return
        [
            .. Next(() => Save(dir, "losses", Height, Figures.Losses(runs, caption, o.Axis, o.Theory))),
            .. Next(() => Save(dir, "phases", 2 * Height, [.. Figures.Phases(runs, config?.D, caption, o.Axis, o.Theory)])),
            .. Next(() => Save(dir, "neuron_path", Height, Figures.NeuronPath(trajectory.Trace, tracedNeuron, caption, norm))),
            .. Next(() => Save(dir, "neuron_clouds", Height, Figures.NeuronClouds(trajectory.Snapshots, caption, norm, config?.D, config?.M))),
        ];
    }

    /// <summary>
    /// Writes <c>stem.png</c>/<c>stem.svg</c>: losses above norms and alignment, every run overlaid
    /// under its label (e.g. "label noise" vs "clean"). Returns the file names written.
    /// </summary>
    public static IReadOnlyList<string> WriteComparison(string dir, string stem, IReadOnlyList<LabelledRun> runs, string? caption = null) =>
        Save(dir, stem, 2 * Height, [.. Figures.Comparison(runs, caption)]);

    /// <summary>One line naming the run's setting, e.g. "fig2: label noise SGD (σ = 4, ±σ), η = 0.001, batch 1, n = 200, d = 20, m = 1000, seed 0".</summary>
    public static string Caption(RunConfig c, string? preset) => Setting(c, preset) + $", seed {c.Seed}";

    /// <summary>The caption without the seed, for figures over several seeds.</summary>
    public static string Setting(RunConfig c, string? preset)
    {
        var noise = c.Sigma > 0 ? $"label noise {c.Optimizer.ToUpperInvariant()} (σ = {Number(c.Sigma)}, {(c.Noise == "gaussian" ? "Gaussian" : "±σ")})" : $"{c.Optimizer.ToUpperInvariant()}, clean labels";
        var batch = c.Optimizer == "sgd" ? $", batch {c.Batch}" : "";
        return $"{(preset is null ? "" : preset + ": ")}{noise}, η = {Number(c.Eta)}{batch}, n = {c.N}, d = {c.D}, m = {c.M}";
    }

    private static string Number(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Renders the panels stacked into <c>stem.png</c>/<c>stem.svg</c>, disposing them; returns the two names.</summary>
    public static IReadOnlyList<string> Save(string dir, string stem, int height, params Plot[] panels)
    {
        try
        {
            return FigureFile.Write(dir, stem, panels, Width, height);
        }
        finally
        {
            foreach (var panel in panels) panel.Dispose();
        }
    }
}
