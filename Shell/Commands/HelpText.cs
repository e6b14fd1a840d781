using System.Text;
using Lnsgd.Core.Simulations;

namespace Lnsgd.Shell.Commands;

/// <summary>Help texts, derived from the config schema so they cannot drift from the code.</summary>
public static class HelpText
{
    /// <summary>Top-level usage (derived from the command table).</summary>
    public static string Overview() => CommandTable.Overview();

    /// <summary><c>lnsgd reproduce --help</c>.</summary>
    public static string Reproduce() =>
        """
        usage: lnsgd reproduce [--out DIR] [--quick] [--seed N] [--seeds N|A..B] [--parallel N]
                               [--step-axis auto|linear|symlog] [--force] [--quiet]
                               [--real] [--data-dir DIR]

        Runs every synthetic experiment of the paper (presets fig2, fig2-clean, periodic,
        oscillation, fig4-sam, fig4-sam-noise), writes each run folder under DIR/runs/, the
        overlay figures (PNG and SVG) and DIR/report.md, which states per figure what the
        paper claims, what this run measured and whether the claim held.

        options:
          --out DIR       output folder (default: reproduction)
          --quick         halve every step count (what CI runs)
          --seed N        first seed (default 0)
          --seeds N|A..B  N seeds from --seed, or seeds A to B (default 5; --quick: 3); the
                          figures draw seed means with 95 % bands, report.md adds intervals,
                          DIR/gallery.md lists every figure with a caption
          --parallel N    runs at once (default: the number of cores)
          --step-axis S   iteration axis: auto (symlog when a phase event falls in the first
                          5 % of the run), linear or symlog
          --force         overwrite a non-empty output folder
          --quiet         print nothing but errors
          --real          also run the real-data and nonlinear presets (fig3, fig5, fig1,
                          fig2-tanh, fig2-relu; see `lnsgd real --help`) into DIR/real/ and
                          add them to the report; needs Fashion-MNIST
          --data-dir DIR  where the real presets' dataset is (default: Debian's location)

        """;

    /// <summary><c>lnsgd predict --help</c>.</summary>
    public static string Predict() =>
        """
        usage: lnsgd predict [PRESET] [--config FILE] [--set key=value]... [--seed N] [--steps N]
                             [--record-every K] [--out DIR]

        Predicts a label noise SGD / GD run without simulating it, from the limiting flow on the
        interpolation manifold (the projected gradient flow of R = tr of the loss Hessian) and
        its first-order correction in eta (docs/prediction.md). Prints prediction.json; with
        --out also writes DIR/prediction.json and DIR/prediction.csv (both flows at the record
        steps, column flow = limit | corrected). Keys are those of `lnsgd run --help`.
        Refuses (exit 2) SAM, the oscillation simulation and non-constant noise schedules.

        """;

    /// <summary><c>lnsgd verify --help</c>.</summary>
    public static string Verify() =>
        """
        usage: lnsgd verify [--seeds N] [--quick] [--out DIR] [--parallel N] [--force] [--quiet] [--json]

        Runs the claim suite (Phase I with and without label noise, lazy escape and Theorem 2's T1
        per seed, Phase II and what drives it, Lemmas 3-6, the per-step identity, the exact
        expected drift, periodic noise, the oscillation simulation and Lemma 4, SAM, noise types
        side by side, sparsity, test loss, Condition 1 per preset) over seeds 0..N-1, and fits
        how the lazy-escape step scales with sigma, eta and m. Prints one row per claim and
        writes DIR/verify.md and DIR/verify.json; every row says whether it can fail, and a row
        that cannot is reported as info, never as holding.

        options:
          --seeds N       seeds per claim (default 10; 5 with --quick)
          --quick         fewer seeds and a 2x2x2 scaling grid instead of 3x3x3 (what CI runs)
          --out DIR       output folder (default: verification)
          --parallel N    work items at once (default: the number of cores)
          --force         overwrite a non-empty output folder
          --quiet         print nothing but errors
          --json          print verify.json's object instead of the table

        exit codes: 0 every claim holds, 1 a claim fails (named on stderr), 2 bad input.

        """;

    /// <summary><c>lnsgd resume --help</c>.</summary>
    public static string Resume() =>
        """
        usage: lnsgd resume RUNDIR [--quiet]

        Continues the run in RUNDIR from its checkpoint.npz: a run stopped by SIGINT or SIGTERM
        (status 'interrupted'), or one killed while it wrote checkpoints (status 'running'; with
        no checkpoint yet it starts again from step 0). The finished folder equals the one an
        uninterrupted run writes, byte for byte. Input files (--data, --init) are read again
        from the recorded paths and must still have the recorded SHA-256. A second SIGINT or
        SIGTERM stops it again the same way.

        exit codes: 0 finished, 2 bad input (not resumable, damaged or foreign checkpoint),
        3 diverged, 130 / 143 stopped again.

        """;

    /// <summary><c>lnsgd replay --help</c>.</summary>
    public static string Replay() =>
        """
        usage: lnsgd replay RUNDIR [--check] [--out DIR] [--force] [--quiet]

        Runs the run recorded in RUNDIR/manifest.json again: same config, seed, engine and
        input files (which must still have the recorded SHA-256).

        options:
          --check       write nothing; compare every row of the metrics.csv, trace.csv and
                        snapshots.csv the manifest lists, how the run ended, and
                        trajectory_sha256, bit for bit. A running or interrupted run is
                        compared up to its checkpoint step.
          --out DIR     without --check: where to write the replayed run (default RUNDIR-replay)
          --force       overwrite a non-empty --out folder
          --quiet       print nothing but errors

        exit codes: 0 the replay matches (or was written), 1 it differs: the first step, file,
        column and both values are named on stderr; 2 bad input.

        """;

    /// <summary><c>lnsgd sweep --help</c>.</summary>
    public static string Sweep() =>
        """
        usage: lnsgd sweep SPEC [--out DIR] [--parallel N] [--shard i/N | --shards N]
                               [--plots] [--dry-run] [--quiet] [--json]

        SPEC is a `run` config file (TOML) in which a list is a grid axis:
            preset = "fig2"                  # optional starting point
            steps = 400000                   # one value: every run
            sigma = [1, 2, 4, 8]             # a list: a grid axis
            eta = [5e-4, 1e-3, 2e-3]         # grid = every combination of the lists
            seeds = 5                        # every point over seeds 0..4 (or seeds = [3, 7])
            [[cases]]                        # optional extra points: the preset, the one-value
            sigma = 0                        # keys and the case's own keys (lists allowed)
        A spec with cases and no list runs only the cases. Each run is identified by the SHA-256
        of its resolved config and written to DIR/<first 16 hex digits>/ (manifest.json,
        metrics.csv, trace.csv, snapshots.csv). A run whose folder is complete (manifest present,
        config and metrics matching its hashes) is skipped, so a killed sweep resumes where it
        stopped; a half-written folder is redone; a failed run leaves DIR/<id>/error.txt and the
        others go on.

        options:
          --out DIR       output folder (default: sweeps/<SPEC name without extension>)
          --parallel N    runs at once (default: the number of cores)
          --shard i/N     run only shard i of N (0 <= i < N): the runs at positions i, i+N, ...
                          of the sweep sorted by hash, so N processes split it with no overlap
          --shards N      the shard count under a scheduler: shard i is SLURM_ARRAY_TASK_ID
                          (submit --array=0-<N-1>; resubmitting task k runs shard k again) or
                          a Kubernetes Indexed Job's JOB_COMPLETION_INDEX. Without --shards a
                          Slurm task runs its position in its array (SLURM_ARRAY_TASK_MIN,
                          _STEP, _COUNT), which a resubmission changes: pass --shards
          --plots         also draw each run's figures (slower; off by default in sweeps)
          --dry-run       list this shard's runs (id and swept values) and stop
          --max-output SIZE
                          refuse the sweep if its runs would write more (default 10G)
          --quiet         print only failures
          --json          print one JSON object: the shard, and each run (id, swept values,
                          outcome); with --dry-run, the runs it would do

        exit codes: 0 every run of the shard is complete (finished or diverged), 1 a run failed,
        2 bad input (nothing is run).

        """;

    /// <summary><c>lnsgd collect --help</c>.</summary>
    public static string Collect() =>
        """
        usage: lnsgd collect DIR [--out FILE] [--x KEY --y KEY] [--value COLUMN]...
                                 [--where key=value]... [--no-plots] [--quiet] [--json]

        Reads every complete run folder directly under DIR (a sweep's output, or any folder of
        `lnsgd run` outputs) and writes one table, one row per run: run id, status, every config
        key, final metrics, phase steps (escape_step, norm_halved_step, phase_one_end_step,
        alignment_start_step, cos05_step, cos09_step, min_cos09_step, converged_step) and
        Theorem 2's T1, as FILE (CSV) and FILE with extension .parquet. Failed and incomplete
        folders are listed and left out.

        Then it draws phase diagrams beside FILE: each --value column averaged over the seeds of
        every (x, y) point, as a heatmap PNG and SVG plus its cells as CSV. For escape_step over
        two of sigma, eta and m, Theorem 2's prediction T1 is drawn underneath on the same axes.

        options:
          --out FILE        the CSV file (default: DIR/sweep.csv)
          --x KEY, --y KEY  the two swept keys of the diagrams (default: the two keys besides
                            the seed that vary, when exactly two do)
          --value COLUMN    a summary column to draw (repeatable; default: escape_step and
                            final_mean_cos)
          --where key=value keep only runs with this value (repeatable): fixes keys that vary
                            but are not axes
          --no-plots        write the table only
          --quiet           print nothing but errors
          --json            print one JSON object: files written, rows, folders left out and why

        """;

    /// <summary><c>lnsgd run --help</c>: options, then every key with meaning, default and range.</summary>
    public static string Run()
    {
        var sb = new StringBuilder();
        sb.Append("""
            usage: lnsgd run [PRESET] [--config FILE] [--set key=value]... [--seed N] [--steps N]
                             [--record-every K] [--data FILE] [--init FILE] [--export-npz] [--predict]
                             [--checkpoint-every K] [--max-output SIZE] [--from RUNDIR[@STEP]]
                             [--seeds N|A..B] [--step-axis S] [--out DIR] [--force] [--no-plots] [--quiet] [--json]

            Runs one simulation and writes DIR (default runs/PRESET-seedN, plus -HASH, 8 hex
            digits of the config's hash, when options change the preset): manifest.json,
            metrics.csv, trace.csv, snapshots.csv and the figures losses, phases, neuron_path
            and neuron_clouds, each as .png and .svg. While it runs, metrics.jsonl gets one
            JSON object per record (flushed at once, for live monitoring) and provenance.json
            says which build ran it, where, when and with which arguments; neither is hashed.
            Later sources win: defaults < PRESET < the config file's preset < its keys < --set
            and the options below.


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
                                (the oscillation simulation still draws its own a(0)); or a
                                run folder's checkpoint.npz (e.g. a diverged run's last good
                                state), rebuilt through the manifest.json beside it
              --predict         also write the limiting flow's prediction (prediction.json,
                                prediction.csv, as lnsgd predict; docs/prediction.md) and draw
                                it dashed on the figures; where the theory applies (constant
                                label noise SGD or GD); takes seconds (fig2: about 10 s)
              --export-npz      also write problem.npz (X, y, X_test, y_test, theta_star, W0,
                                a0), tape.npz (index, noise: steps x batch, the sampled rows and
                                the label noise added to each; for gd steps x n, rows 0..n-1;
                                sam uses its base's draws; oscillation has no tape and is
                                refused) and final.npz (W, a), for numpy and PyTorch
              --checkpoint-every K
                                write checkpoint.npz every K steps (atomically, with a
                                'running' manifest), so `lnsgd resume DIR` survives kill -9
              --from RUNDIR[@STEP]
                                branch: start from that run's state after STEP steps (default:
                                its last), on its data, with its config changed by --set,
                                --seed, --steps (any optimizer, sigma, schedule; not n, d, m);
                                steps count from 0 again; the manifest records the parent as
                                inputs.from (path RUNDIR@STEP, sha256 of the state's W and a)
              --seeds N|A..B    run N seeds from --seed (or seeds A to B) in parallel, each into
                                DIR/PRESET-seedK, plus DIR/PRESET-seedsA-B: seed means with
                                95 % bands (bands.csv, figures) and phase steps with intervals
                                (phases.csv, summary.md); DIR = --out or runs
              --step-axis S     iteration axis of the figures: auto, linear or symlog
              --out DIR         output folder
              --force           overwrite a non-empty output folder
              --max-output SIZE refuse a run estimated to write more (default 10G; K, M, G,
                                T suffixes); memory is always checked against 80% of RAM
              --no-plots        write no figures (the data files and manifest only)
              --quiet           print nothing but errors
              --json            print one JSON object at the end (exit code, folder, manifest)
                                instead of the progress and summary lines

            config keys (name, default, allowed, meaning):

            """);
        var defaults = new RunConfig();
        foreach (var key in ConfigSchema.Keys)
            sb.Append($"  {key.Name,-14} {key.Show(defaults),-11} {key.Allowed,-34} {key.Meaning}\n");
        sb.Append("\npresets: ").AppendJoin(", ", Presets.All.Select(p => p.Name)).Append(" (see `lnsgd presets`)\n");
        return sb.ToString();
    }
}
