using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lnsgd.Core.Sweeps;
using Lnsgd.Shell;
using Lnsgd.Shell.Output;
using Lnsgd.Shell.Sweeps;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>
/// Resuming and sharding a sweep, in process on tiny runs: a sweep stopped after any k runs
/// (with the next run half-written, as a kill leaves it) and started again runs exactly the
/// missing runs and collects to the same table as an uninterrupted sweep; shards run separately
/// collect to the table of the whole sweep; a failing run is recorded and the others go on.
/// </summary>
public sealed class SweepResumeProperties : IDisposable
{
    private const string Spec = "n = 30\nn_test = 10\nd = 5\nm = 20\nsteps = 200\nrecord_every = 20\nsigma = [1, 4]\neta = [2e-3, 1e-2]\nseeds = 2\n";
    private static readonly SweepRun[] Runs = [.. SweepExpansion.Expand(SweepSpecReader.Parse(Spec, "spec")).ValueOrThrow()];
    private static readonly SweepExecutor.Options Options = new(Parallel: 2, Plots: false, Preset: null);
    private static readonly Lazy<string> Uninterrupted = new(() =>
    {
        var dir = Temp();
        try
        {
            SweepExecutor.Execute(Runs, dir, Options);
            return TableCsv.Write(SweepCollector.Collect(dir).Table);
        }
        finally { Directory.Delete(dir, recursive: true); }
    });

    private readonly List<string> _dirs = [];

    /// <summary>Removes the temporary folders.</summary>
    public void Dispose()
    {
        foreach (var dir in _dirs.Where(Directory.Exists)) Directory.Delete(dir, recursive: true);
    }

    private static string Temp() => Path.Combine(Path.GetTempPath(), "lnsgd-sweep-" + Guid.NewGuid().ToString("N"));

    private string NewDir()
    {
        var dir = Temp();
        _dirs.Add(dir);
        return dir;
    }

    [Property(MaxTest = 12)]
    public Property A_sweep_killed_after_k_runs_and_restarted_runs_exactly_the_missing_runs() =>
        Prop.ForAll(Gen.Choose(0, Runs.Length).ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (k, torn) =>
        {
            var dir = NewDir();
            SweepExecutor.Execute(Runs[..k], dir, Options);
            if (torn && k < Runs.Length)
            {
                // What a kill during the next run leaves: some data files, a temporary file, no manifest.
                var folder = Path.Combine(dir, Runs[k].Id);
                Directory.CreateDirectory(folder);
                File.WriteAllText(Path.Combine(folder, "metrics.csv"), "step,train_loss\n0,1\n");
                File.WriteAllText(Path.Combine(folder, "trace.csv.tmp-12345"), "step");
            }

            var results = SweepExecutor.Execute(Runs, dir, Options);
            var skipped = results.OfType<RunResult.Skipped>().Select(r => r.Run.Id).ToHashSet();
            var ran = results.OfType<RunResult.Ran>().ToList();
            var redone = ran.Where(r => r.Redone).Select(r => r.Run.Id).ToList();
            var again = SweepExecutor.Execute(Runs, dir, Options);
            return skipped.SetEquals(Runs[..k].Select(r => r.Id))
                && ran.Select(r => r.Run.Id).ToHashSet().SetEquals(Runs[k..].Select(r => r.Id))
                && redone.SequenceEqual(torn && k < Runs.Length ? [Runs[k].Id] : [])
                && again.All(r => r is RunResult.Skipped)
                && TableCsv.Write(SweepCollector.Collect(dir).Table) == Uninterrupted.Value
                && !Directory.EnumerateFiles(Path.Combine(dir, Runs[Math.Min(k, Runs.Length - 1)].Id), "*.tmp-*").Any();
        });

    [Fact]
    public void A_run_whose_metrics_were_altered_is_not_complete_and_is_redone()
    {
        var dir = NewDir();
        SweepExecutor.Execute(Runs, dir, Options);
        var metrics = Path.Combine(dir, Runs[3].Id, "metrics.csv");
        File.WriteAllText(metrics, File.ReadAllText(metrics).Replace("\n20,", "\n20,9"));

        Assert.IsType<RunFolderState.Incomplete>(RunFolderState.Of(Path.Combine(dir, Runs[3].Id), Runs[3].Hash));
        var results = SweepExecutor.Execute(Runs, dir, Options);
        Assert.Equal([Runs[3].Id], results.OfType<RunResult.Ran>().Select(r => r.Run.Id));
        Assert.Equal(Uninterrupted.Value, TableCsv.Write(SweepCollector.Collect(dir).Table));
    }

    [Fact]
    public void A_failing_run_is_recorded_with_its_error_and_the_others_finish()
    {
        var dir = NewDir();
        var bad = Runs[2];
        var results = SweepExecutor.Execute(Runs, dir, Options, simulate: config =>
            RunIdentity.Hash(config) == bad.Hash ? throw new InvalidOperationException("simulated failure") : SweepExecutor.Simulate(config));

        var failed = Assert.Single(results.OfType<RunResult.Failed>());
        Assert.Equal(bad.Id, failed.Run.Id);
        Assert.Contains("simulated failure", failed.Error);
        Assert.Equal(Runs.Length - 1, results.OfType<RunResult.Ran>().Count());
        Assert.Contains("simulated failure", File.ReadAllText(Path.Combine(dir, bad.Id, RunFolderState.ErrorFile)));
        var collection = SweepCollector.Collect(dir);
        Assert.Equal(Runs.Length - 1, collection.Table.Rows.Length);
        Assert.Equal(bad.Id, Assert.Single(collection.Failed).Folder);

        // The retry clears the error and completes the sweep.
        var retry = SweepExecutor.Execute(Runs, dir, Options);
        Assert.True(Assert.Single(retry.OfType<RunResult.Ran>()).Redone);
        Assert.False(File.Exists(Path.Combine(dir, bad.Id, RunFolderState.ErrorFile)));
        Assert.Equal(Uninterrupted.Value, TableCsv.Write(SweepCollector.Collect(dir).Table));
    }

    [Fact]
    public void Two_shards_run_separately_collect_to_the_table_of_the_whole_sweep()
    {
        var (folder, whole, sharded) = (NewDir(), NewDir(), NewDir());
        Directory.CreateDirectory(folder);
        var spec = Path.Combine(folder, "spec.toml");
        File.WriteAllText(spec, Spec);
        string? Nothing(string _) => null;
        Assert.Equal(0, Lnsgd.Shell.Commands.SweepCommand.Execute([spec, "--out", whole, "--quiet"], TextWriter.Null, TextWriter.Null, Nothing));
        Assert.Equal(0, Lnsgd.Shell.Commands.SweepCommand.Execute([spec, "--out", sharded, "--quiet", "--shard", "0/2"], TextWriter.Null, TextWriter.Null, Nothing));
        Assert.Equal(8, Runs.Length);
        Assert.Equal(Runs.Length + 1, Uninterrupted.Value.Count(c => c == '\n'));
        Assert.Equal(Runs.Length / 2, Directory.GetDirectories(sharded).Length);
        // The other half as the second completion of a Kubernetes Indexed Job.
        string? Indexed(string name) => name == "JOB_COMPLETION_INDEX" ? "1" : null;
        Assert.Throws<Lnsgd.Shell.Cli.UsageError>(() => Lnsgd.Shell.Commands.SweepCommand.Execute([spec, "--out", sharded, "--quiet"], TextWriter.Null, TextWriter.Null, Indexed));
        Assert.Equal(0, Lnsgd.Shell.Commands.SweepCommand.Execute([spec, "--out", sharded, "--quiet", "--shards", "2"], TextWriter.Null, TextWriter.Null, Indexed));
        Assert.Equal(Runs.Length, Directory.GetDirectories(sharded).Length);

        Assert.Equal(0, Program.Dispatch(["collect", whole, "--quiet"], TextWriter.Null, TextWriter.Null));
        Assert.Equal(0, Program.Dispatch(["collect", sharded, "--quiet"], TextWriter.Null, TextWriter.Null));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "sweep.csv")), File.ReadAllText(Path.Combine(sharded, "sweep.csv")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(whole, "sweep.parquet")), File.ReadAllBytes(Path.Combine(sharded, "sweep.parquet")));
        Assert.Equal(Uninterrupted.Value, File.ReadAllText(Path.Combine(whole, "sweep.csv")));
    }
}
