using System.Collections.Immutable;
using System.Xml.Linq;
using FsCheck.Xunit;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Plots;
using ScottPlot;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>
/// Figures never fail on the values a run can produce: NaN and ±∞ are skipped, empty series
/// leave an empty panel, a constant series still renders, and every SVG is well-formed XML.
/// </summary>
public sealed class FigureRobustness
{
    /// <summary>Any values, finite or not, in every column, the trace and the snapshots render.</summary>
    [Property(MaxTest = 40)]
    public void AnyValuesRender(double[] values)
    {
        var v = values.Length == 0 ? [double.NaN] : values;
        var rows = Enumerable.Range(0, v.Length).Select(i => Row(10L * i, v[i])).ToImmutableArray();
        var trace = Enumerable.Range(0, v.Length).Select(i => new TracePoint(10L * i, v[i], v[(i + 1) % v.Length], v[i])).ToImmutableArray();
        NeuronSnapshot[] snapshots = [new(0, [.. v], [.. v.Reverse()]), new(10L * v.Length, [.. v], [.. v])];
        RendersEverything(new Trajectory(rows, trace, [.. snapshots], null, null));
    }

    /// <summary>Edge ranges the random values rarely hit: denormal, one-ulp, huge and many-decade spans.</summary>
    [Theory]
    [InlineData(0.0, double.Epsilon)]
    [InlineData(1.0, 1.0000000000000002)]
    [InlineData(-1e300, 1e300)]
    [InlineData(1e-300, 1e300)]
    [InlineData(double.MaxValue, double.MinValue)]
    public void EdgeRangesRender(double low, double high) => AnyValuesRender([low, high, low, double.NaN, high]);

    /// <summary>A trajectory with no records at all renders every figure.</summary>
    [Fact]
    public void EmptyTrajectoryRenders() => RendersEverything(new Trajectory([], [], [], null, null));

    /// <summary>Constant values (zero-width ranges on both axes, also on the log axis) render.</summary>
    [Fact]
    public void ConstantSeriesRenders()
    {
        var rows = Enumerable.Range(0, 20).Select(i => Row(100L * i, 0.25)).ToImmutableArray();
        var trace = Enumerable.Range(0, 20).Select(i => new TracePoint(100L * i, 0.25, 0.25, 0.25)).ToImmutableArray();
        RendersEverything(new Trajectory(rows, trace, [new NeuronSnapshot(0, [0.25, 0.25], [0.25, 0.25])], null, null));
    }

    /// <summary>A single record (one point, no line) renders.</summary>
    [Fact]
    public void SingleRecordRenders() =>
        RendersEverything(new Trajectory([Row(0, 1.0)], [new TracePoint(0, 1, 0, 0)], [new NeuronSnapshot(0, [1.0], [0.0])], null, null));

    /// <summary>
    /// Text reaches the pixels. Without any font file Skia draws no glyphs and reports no
    /// error, so the figures load the font shipped beside the program (Fonts/) and this checks
    /// that it draws.
    /// </summary>
    [Fact]
    public void TitleTextIsDrawn()
    {
        using var plot = FigureStyle.New("Title ⟨w_i, θ⋆⟩", null, "", "");
        // Only the title may put ink on the page.
        plot.HideGrid();
        foreach (var axis in plot.Axes.GetAxes()) axis.IsVisible = false;
        plot.Axes.Title.IsVisible = true;
        using var bitmap = SkiaSharp.SKBitmap.Decode(FigureFile.Png([plot], 400, 300));
        var ink = 0;
        for (var y = 0; y < bitmap.Height; y++)
            for (var x = 0; x < bitmap.Width; x++)
                if (bitmap.GetPixel(x, y).Red < 128) ink++;
        Assert.True(ink > 50, "the title drew no pixels: the shipped font (Fonts/DejaVuSans.ttf beside the program) did not load");
    }

    /// <summary>Asking for a column <c>metrics.csv</c> does not have is an argument error, not a blank figure.</summary>
    [Fact]
    public void UnknownColumnIsRejected() =>
        Assert.Throws<ArgumentException>(() => Figures.Series([], ["no_such_column"]));

    private static MetricRow Row(long step, double v) => new(step, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v, v);

    private static void RendersEverything(Trajectory t)
    {
        LabelledRun[] runs = [new("a", t), new("b", t)];
        Plot[] plots =
        [
            Figures.Losses(runs), Figures.NormsAndAlignment([runs[0]]), Figures.NeuronPath(t.Trace, 3),
            Figures.NeuronClouds(t.Snapshots),
            Figures.Series(runs, ["theta_err"], logY: true, shaded: [new StepWindow(0, 50), new StepWindow(100, 150), new StepWindow(5, 1)]),
        ];
        foreach (var plot in plots)
        {
            Assert.NotEmpty(FigureFile.Png([plot], 400, 300));
            Assert.Equal("svg", XDocument.Parse(System.Text.Encoding.UTF8.GetString(FigureFile.Svg([plot], 400, 300))).Root!.Name.LocalName);
            plot.Dispose();
        }
        var stacked = Figures.Comparison(runs);
        Assert.NotEmpty(FigureFile.Png(stacked, 400, 600));
        foreach (var plot in stacked) plot.Dispose();
    }
}
