using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lnsgd.Shell.Commands;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>
/// A cluster task runs the shard its index names, also when the task is resubmitted alone:
/// Slurm then sets MIN = MAX = the task id and COUNT = 1, Kubernetes retries the same index.
/// </summary>
public sealed class ClusterShardTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lnsgd-shard-" + Guid.NewGuid().ToString("N"));
    private readonly string _spec;

    public ClusterShardTests()
    {
        Directory.CreateDirectory(_dir);
        _spec = Path.Combine(_dir, "spec.toml");
        File.WriteAllText(_spec, "m = 10\nsteps = 20\nrecord_every = 10\nsigma = [0, 1, 2, 3, 4]\nseeds = 3\n");
    }

    /// <summary>Removes the temporary folder.</summary>
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string DryRun(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var stdout = new StringWriter();
        Assert.Equal(0, SweepCommand.Execute([_spec, "--dry-run", "--out", Path.Combine(_dir, "out"), .. args], stdout, TextWriter.Null, environment.GetValueOrDefault));
        return string.Join('\n', stdout.ToString().Split('\n').Skip(1));   // the runs, without the header line
    }

    private static Dictionary<string, string> Resubmitted(int task) => new()
    {
        ["SLURM_ARRAY_JOB_ID"] = "4242", ["SLURM_ARRAY_TASK_ID"] = $"{task}", ["SLURM_ARRAY_TASK_MIN"] = $"{task}",
        ["SLURM_ARRAY_TASK_MAX"] = $"{task}", ["SLURM_ARRAY_TASK_COUNT"] = "1", ["SLURM_ARRAY_TASK_STEP"] = "1",
    };

    [Property(MaxTest = 20)]
    public Property A_resubmitted_slurm_task_runs_the_same_shard_as_the_first_submission() =>
        Prop.ForAll(Gen.Choose(1, 6).SelectMany(n => Gen.Choose(0, n - 1).Select(k => (n, k))).ToArbitrary(), nk =>
        {
            var (n, k) = nk;
            var first = new Dictionary<string, string>
            {
                ["SLURM_ARRAY_TASK_ID"] = $"{k}", ["SLURM_ARRAY_TASK_MIN"] = "0", ["SLURM_ARRAY_TASK_MAX"] = $"{n - 1}", ["SLURM_ARRAY_TASK_COUNT"] = $"{n}",
            };
            var expected = DryRun(new Dictionary<string, string>(), "--shard", $"{k}/{n}");
            return DryRun(first, "--shards", $"{n}") == expected
                && DryRun(Resubmitted(k), "--shards", $"{n}") == expected
                && DryRun(new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = $"{k}" }, "--shards", $"{n}") == expected;
        });

    [Fact]
    public void The_issues_resubmitted_task_runs_exactly_shard_1_of_3()
    {
        var stdout = new StringWriter();
        SweepCommand.Execute([_spec, "--dry-run", "--shards", "3", "--out", Path.Combine(_dir, "out")], stdout, TextWriter.Null, Resubmitted(1).GetValueOrDefault);
        Assert.StartsWith($"sweep {_spec}: shard 1/3 (Slurm array task 1): 5 of 15 runs", stdout.ToString());
    }

    [Fact]
    public void A_one_task_array_without_shards_is_refused_rather_than_running_the_whole_sweep()
    {
        var e = Assert.Throws<Lnsgd.Shell.Cli.UsageError>(() =>
            SweepCommand.Execute([_spec, "--dry-run"], TextWriter.Null, TextWriter.Null, Resubmitted(1).GetValueOrDefault));
        Assert.Contains("pass --shards N", e.Message);
    }

    [Fact]
    public void A_task_id_beyond_the_shard_count_is_refused()
    {
        var e = Assert.Throws<Lnsgd.Shell.Cli.UsageError>(() =>
            SweepCommand.Execute([_spec, "--dry-run", "--shards", "3"], TextWriter.Null, TextWriter.Null, Resubmitted(3).GetValueOrDefault));
        Assert.Contains("must be in [0, 3)", e.Message);
    }
}
