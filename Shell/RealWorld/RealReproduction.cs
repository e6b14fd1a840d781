using System.Text;
using Lnsgd.Core.RealWorld;
using Lnsgd.Shell.Cli;
using Lnsgd.Shell.Commands;

namespace Lnsgd.Shell.RealWorld;

/// <summary>
/// The real-data part of <c>lnsgd reproduce --real</c>: every preset of <see cref="RealPresets"/>
/// (quick mode shortened as <c>lnsgd real --quick</c>), each written under DIR/real/PRESET/, and a
/// report section with their tables and figures.
/// </summary>
public static class RealReproduction
{
    /// <summary>Fails (one line, exit 2) before anything runs when the dataset is missing.</summary>
    public static void Check(string? dataDir)
    {
        foreach (var dataset in RealPresets.All.OfType<RealPreset.Images>().Select(p => p.Config.Dataset).Distinct())
            if (DatasetFiles.Missing(dataset, dataDir) is { } reason) throw new UsageError(reason);
    }

    /// <summary>Runs every real preset into <paramref name="outDir"/>/real and returns the report section.</summary>
    public static string Run(string outDir, bool quick, ulong seed, string? dataDir, int parallel, TextWriter? progress)
    {
        var sb = new StringBuilder("\n# Real data and nonlinear networks (`--real`)\n\n");
        sb.Append(quick
            ? "**Quick mode:** fig3 and fig5 run 1,000 of their 10,000 steps; fig1 runs one epoch on 10,000 training and 2,000 test images; the teacher presets a tenth of their steps. The full runs are `lnsgd reproduce --real`.\n\n"
            : "Full-length runs of every real-data preset.\n\n");
        var tasks = new Dictionary<string, (RealTask, IReadOnlyList<(string, string)>)>();
        foreach (var preset in RealPresets.All)
        {
            var dir = Path.Combine(outDir, "real", preset.Name);
            var prefix = $"real/{preset.Name}/";
            switch (preset)
            {
                case RealPreset.Images images:
                {
                    var config = RealCommand.Quick(images.Config, quick) with { Seed = seed };
                    var key = $"{config.Dataset}/{config.NTrain}/{config.NTest}/{config.Standardise}";
                    if (!tasks.TryGetValue(key, out var loaded)) tasks[key] = loaded = RealCommand.LoadTask(config, dataDir);
                    var result = RealRunner.RunImages(images, config, loaded.Item1, loaded.Item2, parallel, progress);
                    var figures = RealOutput.WriteImages(dir, result, plots: true);
                    sb.Append(RealReport.Images(result, [.. figures.Select(f => prefix + f)]));
                    break;
                }
                case RealPreset.Teacher teacher:
                {
                    var config = (quick ? ReproduceCommand.Configure(teacher.Config, true) : teacher.Config) with { Seed = seed };
                    var result = RealRunner.RunTeacher(teacher, config, parallel, progress);
                    var figures = RealOutput.WriteTeacher(dir, result, plots: true);
                    sb.Append(RealReport.Teacher(result, [.. figures.Select(f => prefix + f)]));
                    break;
                }
            }
        }
        return sb.ToString();
    }
}
