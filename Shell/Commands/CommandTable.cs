using System.Text;
using Lnsgd.Shell.Cli;

namespace Lnsgd.Shell.Commands;

/// <summary>
/// Every <c>lnsgd</c> command, declared once: the dispatcher, the overview, <c>-h/--help</c>,
/// <c>help CMD</c>, typo suggestions and <c>lnsgd completion</c> all read this table.
/// </summary>
public static class CommandTable
{
    /// <summary>The commands in the order the overview lists them.</summary>
    public static IReadOnlyList<CommandDeclaration> All { get; } =
    [
        new("run", "run [PRESET] [options]", "simulate one run and write its run folder",
            RunCommand.Values, RunCommand.Flags, Positional.Preset, RunCommand.Execute),
        new("resume", "resume RUNDIR", "continue a stopped or killed run from its latest checkpoint",
            ResumeCommand.Values, ResumeCommand.Flags, Positional.Folder, ResumeCommand.Execute),
        new("replay", "replay RUNDIR [--check]", "run a recorded run again; --check compares it bit for bit",
            ReplayCommand.Values, ReplayCommand.Flags, Positional.Folder, ReplayCommand.Execute),
        new("reproduce", "reproduce [--quick]", "run every synthetic experiment, draw the figures, write report.md",
            ReproduceCommand.Values, ReproduceCommand.Flags, Positional.None, (a, o, _) => ReproduceCommand.Execute(a, o)),
        new("verify", "verify [--quick]", "check the paper's claims over seeds; exit 1 if one fails",
            VerifyCommand.Values, VerifyCommand.Flags, Positional.None, VerifyCommand.Execute),
        new("predict", "predict [PRESET] [options]", "predict a run from the limiting flow, without simulating it",
            PredictCommand.Values, PredictCommand.Flags, Positional.Preset, PredictCommand.Execute),
        new("bench", "bench [--quick]", "steps per second of each engine across widths",
            BenchCommand.Values, BenchCommand.Flags, Positional.None, (a, o, _) => BenchCommand.Execute(a, o)),
        new("sweep", "sweep SPEC [options]", "a grid of runs on local cores, a Slurm array or a Kubernetes Indexed Job",
            SweepCommand.Values, SweepCommand.Flags, Positional.File, SweepCommand.Execute),
        new("collect", "collect DIR [options]", "a sweep's runs as one table (CSV, Parquet) and phase diagrams",
            CollectCommand.Values, CollectCommand.Flags, Positional.Folder, (a, o, _) => CollectCommand.Execute(a, o)),
        new("real", "real PRESET [options]", "nonlinear networks on real images (fig1, fig3, fig5) and fig2-tanh/-relu",
            RealCommand.Values, RealCommand.Flags, Positional.RealPreset, RealCommand.Execute),
        new("presets", "presets [NAME] [--json]", "list every preset (or one) with its values",
            PresetsCommand.Values, PresetsCommand.Flags, Positional.Preset, (a, o, _) => PresetsCommand.Execute(a, o)),
        new("schema", "schema [--json]", "every config key: type, default, allowed values, meaning",
            SchemaCommand.Values, SchemaCommand.Flags, Positional.None, (a, o, _) => SchemaCommand.Execute(a, o)),
        new("completion", "completion SHELL", "a completion script for bash, zsh or fish",
            CompletionCommand.Values, CompletionCommand.Flags, Positional.Shell, (a, o, _) => CompletionCommand.Execute(a, o)),
        new("help", "help [COMMAND]", "this text, or a command's help",
            HelpCommand.Values, HelpCommand.Flags, Positional.Command, (a, o, _) => HelpCommand.Execute(a, o)),
    ];

    /// <summary>Every command name.</summary>
    public static IEnumerable<string> Names => All.Select(c => c.Name);

    /// <summary>The command named <paramref name="name"/>, or null.</summary>
    public static CommandDeclaration? Find(string name) => All.FirstOrDefault(c => c.Name == name);

    /// <summary>The command named <paramref name="name"/>, or a usage error that suggests the nearest name.</summary>
    public static CommandDeclaration Require(string name) =>
        Find(name) ?? throw new UsageError($"unknown command '{name}'{Suggestion.DidYouMean(name, Names)} (commands: {string.Join(", ", Names)})");

    /// <summary>Top-level usage: <c>lnsgd help</c>, <c>lnsgd --help</c>, and (on stderr) bare <c>lnsgd</c>.</summary>
    public static string Overview()
    {
        var sb = new StringBuilder();
        sb.Append("""
            lnsgd: label noise SGD, SGD, GD and SAM on two-layer linear networks (arXiv 2603.10397)

            usage: lnsgd COMMAND [options]
                   lnsgd --version

            commands:

            """);
        foreach (var c in All) sb.Append($"  {c.Synopsis,-24} {c.Summary}\n");
        sb.Append("""

            `lnsgd COMMAND -h` (or `lnsgd help COMMAND`) documents a command; `lnsgd run -h` every
            config key. Numbers take the same forms on the command line as in TOML: 100000, 1e5,
            1_000_000 (an integer key takes a float form only when its value is whole).
            exit codes: 0 success, 1 internal error, 2 bad input, 3 the run diverged,
            4 a write failed (disk or quota full, or the file-size limit `ulimit -f`).
            130 / 143: stopped by SIGINT / SIGTERM after a checkpoint (`lnsgd resume RUNDIR` continues).
            replay --check: 0 the replay matches, 1 it differs (the first step and metric are named).
            `lnsgd` without a command prints this text on stderr and exits 2: a missing command is
            bad input, like an unknown one.

            """);
        return sb.ToString();
    }
}
