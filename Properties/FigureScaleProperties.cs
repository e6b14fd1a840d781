using System.Collections.Immutable;
using FsCheck;
using FsCheck.Xunit;
using Lnsgd.Core.Measures;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Plots;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>
/// Laws of the figures' scales and summaries: a figure's file size does not grow with the width
/// m; the symlog step axis is invertible and monotone; a seed band contains its mean and collapses
/// on identical seeds; <c>--seeds</c> parses counts and ranges and refuses the rest.
/// </summary>
public sealed class FigureScaleProperties
{
    /// <summary>
    /// The neuron clouds of any width m beyond the cap draw the same number of points, so their
    /// SVG stays within 10 % of the size at the cap (numbers differ in their digits only), and
    /// never above 1 MB: the file size does not depend on m.
    /// </summary>
    [Property(MaxTest = 6)]
    public void CloudSvgSizeDoesNotDependOnWidth(NonNegativeInt extra)
    {
        var m = Figures.CloudNeurons + extra.Get % 20_000;
        var atCap = CloudSvgBytes(Figures.CloudNeurons);
        var atM = CloudSvgBytes(m);
        Assert.InRange(atM, 0.9 * atCap, 1.1 * atCap);
        Assert.True(atM < 1_000_000, $"clouds SVG of m = {m} is {atM} bytes");
    }

    /// <summary>
    /// A run's whole figure set (losses, phases, neuron path, neuron clouds) at m = 4,000 is no
    /// more than 30 % larger than at m = 40 (the dynamics differ a little, the drawing does not
    /// grow per neuron), and every SVG stays under 2 MB.
    /// </summary>
    [Fact]
    public void RunFigureSetSizeDoesNotDependOnWidth()
    {
        long Bytes(int m)
        {
            var config = new RunConfig { M = m, Steps = 400, RecordEvery = 10 };
            var dir = Directory.CreateTempSubdirectory("lnsgd-size-").FullName;
            try
            {
                var files = RunFigures.Write(dir, Simulation.Collect(RunSpec.Resolve(config)), "caption", 0, config);
                var sizes = files.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)).Select(f => new FileInfo(Path.Combine(dir, f)).Length).ToList();
                Assert.All(sizes, size => Assert.True(size < 2_000_000, $"an SVG of m = {m} is {size} bytes"));
                return sizes.Sum();
            }
            finally { Directory.Delete(dir, recursive: true); }
        }
        var (narrow, wide) = (Bytes(40), Bytes(4000));
        Assert.True(wide <= 1.3 * narrow, $"figure set: {narrow} bytes at m = 40, {wide} at m = 4000");
    }

    /// <summary>Symlog: Step(X(t)) = t, and X is strictly increasing, for any threshold c ≥ 1.</summary>
    [Property]
    public void SymlogIsInvertibleAndMonotone(PositiveInt c, NonNegativeInt a, NonNegativeInt b)
    {
        var axis = new StepAxis(StepScale.Symlog, c.Get);
        var (s, t) = ((double)a.Get, (double)a.Get + 1 + b.Get);
        Assert.Equal(s, axis.Step(axis.X(s)), 1e-6 * Math.Max(1, s));
        Assert.True(axis.X(t) > axis.X(s));
        Assert.Equal(0, axis.X(0));
    }

    /// <summary>Auto: linear without events or with events inside 1.5 decades; symlog when they span more.</summary>
    [Fact]
    public void AutoAxisFollowsTheSpanOfTheEvents()
    {
        double[] steps = [.. Enumerable.Range(0, 501).Select(k => 5000.0 * k)];
        Assert.Equal(StepScale.Linear, StepAxis.Choose(StepScale.Auto, steps, []).Scale);
        Assert.Equal(StepScale.Linear, StepAxis.Choose(StepScale.Auto, steps, [3750, 52_900]).Scale);
        Assert.Equal(StepScale.Symlog, StepAxis.Choose(StepScale.Auto, steps, [5000, 30_000, 412_000, 1_185_000]).Scale);
        Assert.Equal(5000, StepAxis.Choose(StepScale.Symlog, steps, []).Linear);
        Assert.Equal(StepScale.Linear, StepAxis.Choose(StepScale.Linear, steps, [5000, 1_185_000]).Scale);
    }

    /// <summary>Every band point has Low ≤ Mean ≤ High, counts the seeds that recorded its step, and identical seeds give a zero-width band at their value.</summary>
    [Property]
    public void SeedBandBracketsItsMean(NormalFloat[] values, PositiveInt seedCount)
    {
        var n = 1 + seedCount.Get % 6;
        var seeds = Enumerable.Range(0, n)
            .Select(s => (IEnumerable<(long, double)>)[.. values.Select((v, k) => ((long)k, v.Get + s))]).ToList();
        var band = SeedBand.Of(seeds);
        Assert.Equal(values.Length, band.Length);
        foreach (var p in band)
        {
            Assert.Equal(n, p.Count);
            Assert.True(p.Low <= p.Mean + 1e-9 * Math.Abs(p.Mean) && p.Mean <= p.High + 1e-9 * Math.Abs(p.Mean), $"{p}");
        }
        var same = SeedBand.Of([.. Enumerable.Repeat<IEnumerable<(long, double)>>([.. values.Select((v, k) => ((long)k, v.Get))], n)]);
        foreach (var (p, v) in same.Zip(values)) { Assert.Equal(v.Get, p.Mean, 1e-9 * Math.Max(1, Math.Abs(v.Get))); Assert.Equal(p.Low, p.High, 1e-9 * Math.Max(1, Math.Abs(v.Get))); }
    }

    /// <summary>A count N gives N consecutive seeds from the base; A..B gives A to B; zero, reversed ranges and words are refused.</summary>
    [Property]
    public void SeedsParse(PositiveInt count, NonNegativeInt start)
    {
        var n = 1 + count.Get % SeedList.Most;
        var from = (ulong)start.Get;
        Assert.Equal([.. Enumerable.Range(0, n).Select(k => from + (ulong)k)], SeedList.Parse(n.ToString(System.Globalization.CultureInfo.InvariantCulture), from));
        Assert.Equal([from, from + 1, from + 2], SeedList.Parse($"{from}..{from + 2}", 99));
        foreach (var bad in new[] { "0", "-1", "x", $"{from + 1}..{from}", "1..", "..3", $"{SeedList.Most + 1}" })
            Assert.Throws<UsageError>(() => SeedList.Parse(bad, from));
    }

    private static long CloudSvgBytes(int m)
    {
        // Deterministic neurons: norms over several decades, cosines in [0, 1].
        NeuronSnapshot Shot(long step, double shrink) => new(step,
            [.. Enumerable.Range(0, m).Select(i => shrink * (0.5 + ((i * 7919) % 1000) / 1000.0))],
            [.. Enumerable.Range(0, m).Select(i => Math.Sqrt(shrink) * (((i * 104729) % 1000) / 1000.0 - 0.5))]);
        using var plot = Figures.NeuronClouds([Shot(0, 1), Shot(500, 1e-2), Shot(1000, 1e-4)], "caption", 1, 20);
        return FigureFile.Svg([plot], 1100, 650).Length;
    }
}
