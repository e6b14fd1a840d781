using Lnsgd.Core.Claims;
using Lnsgd.Shell.Plots;

namespace Lnsgd.Shell.Verification;

/// <summary>
/// noise_types.png/.svg in verify's folder: the noise types of <see cref="ClaimSettings.NoiseTypes"/>
/// side by side for one seed — top, mean ‖w_i‖² from Eq. 5's start (which produce Phase I);
/// bottom, mean |cos(w_i, θ⋆)| from label noise's state after Phase I (which produce Phase II).
/// </summary>
public static class NoiseTypeFigure
{
    /// <summary>Writes the figure into <paramref name="dir"/>; returns the file names.</summary>
    public static IReadOnlyList<string> Write(string dir, SeedMeasurements seed)
    {
        var legs = seed.NoiseTypeLegs ?? throw new ArgumentException("the seed did not run the noise types", nameof(seed));
        var c = ClaimSettings.NoiseTypeBase(seed.Seed);
        var caption = $"fig2's data at m = {c.M}, seed {seed.Seed}: the same start and seed for every noise type";
        var top = Figures.Series([.. legs.Select(l => new LabelledRun(l.Name, l.PhaseOne))], ["mean_w_sq"], logY: true,
            title: "Phase I? mean ‖w_i‖² from Eq. 5's initialisation", yLabel: "mean ‖w_i‖²", caption: caption);
        var bottom = Figures.Series([.. legs.Select(l => new LabelledRun(l.Name, l.PhaseTwo))], ["mean_cos"],
            title: "Phase II? mean |cos(w_i, θ⋆)| from label noise's state after Phase I", yLabel: "mean |cos(w_i, θ⋆)|");
        return FigureFile.Write(dir, "noise_types", [top, bottom], 1000, 900);
    }
}
