using System.Text;

namespace Lnsgd.Shell.Reproduction;

/// <summary>
/// <c>gallery.md</c> of a reproduction folder: every figure it drew, each with a one-line
/// caption of what to see in it: the overlays of the report, then one run's own figure set.
/// <c>scripts/gallery.sh</c> copies it with the images into <c>docs/figures/</c>.
/// </summary>
public static class Gallery
{
    /// <summary>The one-line captions of a single run's figures, by file stem.</summary>
    public static string RunCaption(string stem) => stem switch
    {
        "losses" => "One run's clean train and test loss, the floor note when a loss falls below it.",
        "phases" => "One run's two phases: mean ‖w_i‖² (log scale) falls first, then mean and min |cos(w_i, θ⋆)| rise from the chance line; markers at escape, norm ½, cos 0.5, cos 0.9.",
        "neuron_path" => "The traced neuron's path in (‖w_i‖² on a log axis, |cos(w_i, θ⋆)|), darker = later: its norm falls by decades first, then its cosine climbs towards 1.",
        "neuron_clouds" => "Neurons at the snapshot iterations in (‖w_i‖² on a log axis, |cos|): the cloud moves left by decades (Phase I), then up to |cos| ≈ 1 (Phase II).",
        _ => "",
    };

    /// <summary>
    /// The gallery's markdown: <paramref name="overlays"/> (PNG names in the folder) then the
    /// figures of the run folder <paramref name="runFolder"/> (relative path) named <paramref name="runStems"/>.
    /// </summary>
    public static string Write(string title, IReadOnlyList<string> overlays, string runFolder, string runLabel, IReadOnlyList<string> runStems)
    {
        var sb = new StringBuilder($"# {title}\n\n");
        sb.Append("Every figure of `lnsgd reproduce`, with what to see in it. Overlays draw each run as its mean over the seeds with a shaded 95 % band ");
        sb.Append("(Student t over the seeds; on log panels, of the log10 values), and the phase events as labelled vertical lines at their seed-mean step ");
        sb.Append("with the 95 % interval as a faint span: escape = every neuron left the lazy regime (Definition 1), norm ½ = mean ‖w_i‖² halved (Phase I), ");
        sb.Append("cos 0.5 / cos 0.9 = mean |cos(w_i, θ⋆)| passed 0.5 / 0.9 (Phase II). The dotted chance line is the mean |cos| of directions drawn ");
        sb.Append("uniformly on the sphere, E|u₁| = Γ(d/2) / (√π Γ((d+1)/2)) ≈ √(2/(πd)) for large d (0.181 exactly and 0.178 by the approximation at d = 20), ");
        sb.Append("where the Eq. 5 initialisation starts. The iteration axis is symlog (linear below one record interval, logarithmic above) ");
        sb.Append("when the phase events span 1.5 decades or more.\n\n");
        foreach (var png in overlays)
        {
            var stem = Path.GetFileNameWithoutExtension(png);
            sb.Append($"## {stem}\n\n{ExperimentFigures.Caption(stem)}\n\n![{stem}]({png})\n\n");
        }
        sb.Append($"## One run: {runLabel}\n\n");
        foreach (var stem in runStems)
        {
            var png = $"{runFolder}/{stem}.png";
            sb.Append($"### {stem}\n\n{RunCaption(stem)}\n\n![{stem}]({png})\n\n");
        }
        return sb.ToString();
    }
}
