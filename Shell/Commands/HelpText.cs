using System.Text;
using Lnsgd.Core.Simulation;

namespace Lnsgd.Shell.Commands;

/// <summary>Help texts, derived from the config schema so they cannot drift from the code.</summary>
public static class HelpText
{
    /// <summary>Top-level usage.</summary>
    public static string Overview() =>
        """
        lnsgd: label noise SGD, SGD, GD and SAM on two-layer linear networks (arXiv 2603.10397)

        usage: lnsgd COMMAND [options]

        commands:
          run [PRESET] [options]   simulate one run and write its run folder
          bench [--quick]          steps per second of each engine across widths
          presets                  list every preset with its values
          help                     this text

        `lnsgd run --help` documents every option and config key.
        exit codes: 0 success, 1 internal error, 2 bad input, 3 the run diverged.

        """;

    /// <summary><c>lnsgd run --help</c>: options, then every key with meaning, default and range.</summary>
    public static string Run()
    {
        var sb = new StringBuilder();
        sb.Append("""
            usage: lnsgd run [PRESET] [--config FILE] [--set key=value]... [--seed N] [--steps N]
                             [--record-every K] [--data FILE] [--init FILE] [--export-npz]
                             [--out DIR] [--force] [--no-plots] [--quiet]

            Runs one simulation and writes DIR (default runs/PRESET-seedN): manifest.json,
            metrics.csv, trace.csv, snapshots.csv and the figures losses, norms, neuron_path
            and neuron_clouds, each as .png and .svg. Later sources win: defaults < PRESET <
            the config file's preset < its keys < --set and the options below.

            options:
              --config FILE     TOML file: optional preset = "NAME", then key = value lines
              --set key=value   set a config key (repeatable)
              --seed N          same as --set seed=N
              --steps N         same as --set steps=N
              --record-every K  same as --set record_every=K
              --data FILE       .npz with X (n x d), X_test (n_test x d), theta_star (d), float64:
                                replaces the drawn data; n, n_test, d are taken from it;
                                labels are X theta_star (a y in the file is ignored)
              --init FILE       .npz with W (m x d) and a (m), float64: replaces W(0), a(0)
                                (the oscillation simulation still draws its own a(0))
              --export-npz      also write problem.npz (X, y, X_test, y_test, theta_star, W0,
                                a0), tape.npz (index, noise: steps x batch, the sampled rows and
                                the label noise added to each; for gd steps x n, rows 0..n-1;
                                sam uses its base's draws; oscillation has no tape and is
                                refused) and final.npz (W, a), for numpy and PyTorch
              --out DIR         output folder
              --force           overwrite a non-empty output folder
              --no-plots        write no figures (the data files and manifest only)
              --quiet           print nothing but errors

            config keys (name, default, allowed, meaning):

            """);
        var defaults = new RunConfig();
        foreach (var key in ConfigSchema.Keys)
            sb.Append($"  {key.Name,-14} {key.Show(defaults),-11} {key.Allowed,-34} {key.Meaning}\n");
        sb.Append("\npresets: ").AppendJoin(", ", Presets.All.Select(p => p.Name)).Append(" (see `lnsgd presets`)\n");
        return sb.ToString();
    }
}
