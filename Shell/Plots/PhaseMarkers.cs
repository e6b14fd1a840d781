using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Theory;

namespace Lnsgd.Shell.Plots;

/// <summary>
/// A phase event as a figure marks it: a labelled vertical line at the (seed-mean) step, with
/// the 95 % interval over the seeds that reached it and how many did.
/// </summary>
public sealed record PhaseMarker(string Label, Interval Step, int Reached, int Seeds)
{
    /// <summary>The text beside the line: the label, and "k/n" when not every seed reached it.</summary>
    public string Text => Reached < Seeds ? $"{Label} ({Reached}/{Seeds})" : Label;
}

/// <summary>
/// The markers of the paper's two phases (Fig. 2), read off the records by <see cref="PhaseDetector"/> and
/// <see cref="RunSummary"/>: every neuron escaped the lazy regime (Definition 1), the mean
/// ‖w_i‖² halved (Phase I), the mean |cos(w_i, θ⋆)| passed 0.5 and 0.9 (Phase II).
/// </summary>
public static class PhaseMarkers
{
    /// <summary>The marker names, in the order of the phases.</summary>
    public static IReadOnlyList<string> Names { get; } = ["escape", "norm ½", "cos 0.5", "cos 0.9"];

    /// <summary>The markers reached by at least one of <paramref name="seeds"/>.</summary>
    public static IReadOnlyList<PhaseMarker> Of(IReadOnlyList<Trajectory> seeds) =>
        [.. Table(seeds).Where(row => row.Marker is not null).Select(row => row.Marker!)];

    /// <summary>
    /// Every event in <see cref="Names"/> order with its marker over the seeds that reached it
    /// (null when none did), for tables that list what was not reached too.
    /// </summary>
    public static IReadOnlyList<(string Name, PhaseMarker? Marker)> Table(IReadOnlyList<Trajectory> seeds)
    {
        var events = seeds.Where(t => !t.Rows.IsEmpty).Select(Events).ToList();
        return [.. Names.Select((name, k) =>
        {
            var reached = events.Select(e => e[k]).OfType<long>().Select(s => (double)s).ToList();
            return (name, reached.Count > 0 ? new PhaseMarker(name, Interval.Of(reached), reached.Count, seeds.Count) : null);
        })];
    }

    /// <summary>One run's event steps in <see cref="Names"/> order (null: not reached).</summary>
    public static long?[] Events(Trajectory run)
    {
        var phases = PhaseDetector.Detect(run.Rows, [], eta: 0, tolerance: 0);
        return [phases.AllEscaped, RunSummary.Of(run).NormHalvedStep, phases.MeanCos05, phases.MeanCos09];
    }
}
