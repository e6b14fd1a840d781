using Lnsgd.Core.Engines;
using Lnsgd.Core.Simulations;
using Lnsgd.Shell.Plots;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>A figure's bytes depend on the figure alone: not on what the process drew before or beside it.</summary>
public class FigureDeterminismTests
{
    [Fact]
    public void The_same_figure_renders_to_the_same_svg_and_png_bytes_whatever_was_drawn_before()
    {
        var run = Simulation.Collect(RunSpec.Resolve(new RunConfig { M = 30, Steps = 300, RecordEvery = 10 }), Engine.Dense);
        LabelledRun[] runs = [new("run", run)];
        byte[] Svg() { using var p = Figures.Losses(runs); return FigureFile.Svg([p], 800, 500); }
        byte[] Png() { using var p = Figures.Losses(runs); return FigureFile.Png([p], 800, 500); }
        var (firstSvg, firstPng) = (Svg(), Png());
        // Draw other figures in between, on two threads, to move Skia's process-wide id counter.
        Parallel.For(0, 4, _ => { using var p = Figures.NeuronClouds(run.Snapshots); FigureFile.Svg([p], 400, 300); });
        Assert.Equal(firstSvg, Svg());
        Assert.Equal(firstPng, Png());
    }
}
