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
          reproduce [--quick]      run every synthetic experiment, draw the figures, write report.md
          verify [--quick]         check the paper's claims over seeds; exit 1 if one fails
          bench [--quick]          steps per second of each engine across widths
          real PRESET [options]    nonlinear networks on real images (fig1, fig3, fig5) and fig2-tanh/-relu
          presets                  list every preset with its values
          help                     this text

        `lnsgd run --help` documents every option and config key.
        exit codes: 0 success, 1 internal error, 2 bad input, 3 the run diverged.

        """;

    /// <summary><c>lnsgd reproduce --help</c>.</summary>
    public static string Reproduce() =>
        """
        usage: lnsgd reproduce [--out DIR] [--quick] [--seed N] [--parallel N] [--force] [--quiet]
                               [--real] [--data-dir DIR]

        Runs every synthetic experiment of the paper (presets fig2, fig2-clean, periodic,
        oscillation, fig4-sam, fig4-sam-noise), writes each run folder under DIR/runs/, the
        overlay figures (PNG and SVG) and DIR/report.md, which states per figure what the
        paper claims, what this run measured and whether the claim held.

        options:
          --out DIR       output folder (default: reproduction)
          --quick         divide every step count by 10 (what CI runs)
          --seed N        seed of every run (default 0)
          --parallel N    runs at once (default: the number of cores)
          --force         overwrite a non-empty output folder
          --quiet         print nothing but errors
          --real          also run the real-data and nonlinear presets (fig3, fig5, fig1,
                          fig2-tanh, fig2-relu; see `lnsgd real --help`) into DIR/real/ and
                          add them to the report; needs Fashion-MNIST
          --data-dir DIR  where the real presets' dataset is (default: Debian's location)

        """;

    /// <summary><c>lnsgd verify --help</c>.</summary>
    public static string Verify() =>
        """
        usage: lnsgd verify [--seeds N] [--quick] [--out DIR] [--parallel N] [--force] [--quiet]

        Runs the claim suite (Phase I with and without label noise, lazy escape and Theorem 2's T1,
        Phase II, the per-step identity, Lemma 3's frequencies, the exact expected drift, periodic
        noise, the oscillation simulation and Lemma 4, SAM, test loss with and without label
        noise) over seeds 0..N-1, and fits how the lazy-escape step scales with sigma, eta and m.
        Prints one row per claim and writes DIR/verify.md and DIR/verify.json.

        options:
          --seeds N       seeds per claim (default 10; 5 with --quick)
          --quick         fewer seeds and a 2x2x2 scaling grid instead of 3x3x3 (what CI runs)
          --out DIR       output folder (default: verification)
          --parallel N    work items at once (default: the number of cores)
          --force         overwrite a non-empty output folder
          --quiet         print nothing but errors

        exit codes: 0 every claim holds, 1 a claim fails (named on stderr), 2 bad input.

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
