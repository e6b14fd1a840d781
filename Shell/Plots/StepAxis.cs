using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Lnsgd.Shell.Plots;

/// <summary>How a figure's iteration axis is scaled.</summary>
public enum StepScale
{
    /// <summary>Symlog when the phase events span 1.5 decades or more (the dynamics span decades), else linear.</summary>
    Auto,
    /// <summary>Iterations as they are.</summary>
    Linear,
    /// <summary>log10(1 + t/c): linear below c (one record interval), logarithmic above, so step 0 stays on the axis.</summary>
    Symlog,
}

/// <summary>
/// The iteration axis of a figure. ScottPlot 5 has no log axis, so a symlog axis draws every x as
/// log10(1 + t/c) and labels the ticks with the iterations they stand for (0, 10³, 10⁴, …).
/// At fig2's η and σ the norms halve by ~30k steps and the cosine passes 0.9 at ~1.2M: on a
/// linear axis Phase I is a few pixels wide.
/// </summary>
public sealed record StepAxis(StepScale Scale, double Linear)
{
    /// <summary>How many decades the phase events must span for <see cref="StepScale.Auto"/> to choose symlog.</summary>
    public const double Decades = 1.5;

    /// <summary>A linear axis.</summary>
    public static StepAxis Identity { get; } = new(StepScale.Linear, 1);

    /// <summary>The names <c>--step-axis</c> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "linear", "symlog"];

    /// <summary>Parses an axis name; null when unknown.</summary>
    public static StepScale? Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "auto" => StepScale.Auto, "linear" => StepScale.Linear, "symlog" or "log" => StepScale.Symlog, _ => null,
    };

    /// <summary>
    /// The axis for recorded <paramref name="steps"/> and phase <paramref name="events"/>:
    /// <see cref="StepScale.Auto"/> resolves to symlog when the latest event is at least
    /// <see cref="Decades"/> decades after the earliest (fig2: escape at ~5k, cos 0.9 at ~1.2M),
    /// else linear (the periodic preset's equal windows, the oscillation's one-decade run). The
    /// symlog threshold c is the smallest positive recorded step.
    /// </summary>
    public static StepAxis Choose(StepScale requested, IEnumerable<double> steps, IEnumerable<double> events)
    {
        var positive = steps.Where(s => s > 0 && double.IsFinite(s)).ToList();
        if (positive.Count == 0) return Identity;
        var (first, last) = (positive.Min(), positive.Max());
        var reached = events.Where(e => e > 0 && double.IsFinite(e)).ToList();
        var spans = reached.Count > 0 && reached.Max() >= Math.Pow(10, Decades) * reached.Min();
        var scale = requested != StepScale.Auto ? requested
            : spans && last >= 100 * first ? StepScale.Symlog : StepScale.Linear;
        return scale == StepScale.Symlog ? new StepAxis(StepScale.Symlog, first) : Identity;
    }

    /// <summary>Where iteration <paramref name="step"/> is drawn.</summary>
    public double X(double step) => Scale == StepScale.Symlog ? Math.Sign(step) * Math.Log10(1 + Math.Abs(step) / Linear) : step;

    /// <summary>The iteration drawn at <paramref name="x"/>.</summary>
    public double Step(double x) => Scale == StepScale.Symlog ? Math.Sign(x) * Linear * (Math.Pow(10, Math.Abs(x)) - 1) : x;

    /// <summary>The axis label: "iteration", with the scale named when it is not linear.</summary>
    public string Label => Scale == StepScale.Symlog ? "iteration  (log scale; linear below " + Short(Linear) + ")" : "iteration";

    /// <summary>Puts the ticks on the bottom axis: on symlog, 0 and each power of ten with log-spaced minor ticks.</summary>
    public void Apply(Plot plot, double firstStep, double lastStep)
    {
        plot.Axes.Bottom.Label.Text = Label;
        if (Scale != StepScale.Symlog)
        {
            // Short labels (500k, 1.5M): long ones are cut at the right edge of the figure.
            plot.Axes.Bottom.TickGenerator = new NumericAutomatic { TickDensity = 0.6, LabelFormatter = Short };
            return;
        }
        var ticks = new NumericManual();
        ticks.AddMajor(0, "0");
        var top = Math.Ceiling(Math.Log10(Math.Max(lastStep, 10)));
        for (var k = Math.Ceiling(Math.Log10(Linear)); k <= top; k++)
        {
            var t = Math.Pow(10, k);
            if (t <= lastStep * 1.0001) ticks.AddMajor(X(t), LogScale.PowerOfTen(k));
            for (var j = 2; j <= 9; j++)
                if (j * t <= lastStep && j * t >= Linear) ticks.AddMinor(X(j * t));
        }
        plot.Axes.Bottom.TickGenerator = ticks;
    }

    /// <summary>An iteration count as a short label: 0, 750, 5k, 2.5M.</summary>
    public static string Short(double v)
    {
        var a = Math.Abs(v);
        return a >= 1e6 ? (v / 1e6).ToString("0.##", CultureInfo.InvariantCulture) + "M"
            : a >= 1e3 ? (v / 1e3).ToString("0.##", CultureInfo.InvariantCulture) + "k"
            : v.ToString("0.##", CultureInfo.InvariantCulture);
    }
}
