using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lnsgd.Core.Simulations;
using Lnsgd.Core.Sweeps;
using Lnsgd.Shell.Sweeps;
using Xunit;

namespace Lnsgd.Properties;

/// <summary>Sweep expansion, identity and sharding: pure properties over generated specs.</summary>
public class SweepProperties
{
    private static SweepRun[] Expand(string toml)
    {
        var (runs, error) = SweepExpansion.Expand(SweepSpecReader.Parse(toml, "spec"));
        Assert.Null(error);
        return [.. runs];
    }

    [Property(MaxTest = 200)]
    public Property The_N_shards_are_disjoint_cover_the_sweep_and_are_balanced() =>
        Prop.ForAll(SweepGenerators.Specs.ToArbitrary(), Gen.Choose(1, 9).ToArbitrary(), (model, count) =>
        {
            var all = Expand(model.Toml());
            var shards = Enumerable.Range(0, count).Select(i => new Shard(i, count).Select(all)).ToList();
            var union = shards.SelectMany(s => s.Select(r => r.Hash)).ToList();
            return union.Count == all.Length
                && union.ToHashSet().SetEquals(all.Select(r => r.Hash))
                && shards.Max(s => s.Count) - shards.Min(s => s.Count) <= 1;
        });

    [Property(MaxTest = 200)]
    public Property The_runs_and_their_ids_do_not_depend_on_key_axis_value_or_case_order() =>
        Prop.ForAll(SweepGenerators.Specs.ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (model, shuffle) =>
        {
            var written = Expand(model.Toml());
            var rewritten = Expand(model.Toml(shuffle));
            return written.Length == rewritten.Length
                && written.Select(r => r.Hash).ToHashSet().SetEquals(rewritten.Select(r => r.Hash))
                && written.All(r => r.Hash == RunIdentity.Hash(r.Config));
        });

    [Property(MaxTest = 100)]
    public Property Expansion_is_deterministic() =>
        Prop.ForAll(SweepGenerators.Specs.ToArbitrary(), model =>
        {
            var (first, second) = (Expand(model.Toml()), Expand(model.Toml()));
            return first.Select(r => (r.Hash, r.Label, r.Config)).SequenceEqual(second.Select(r => (r.Hash, r.Label, r.Config)));
        });

    [Property(MaxTest = 100)]
    public Property Runs_are_the_grid_times_the_seeds_plus_the_cases_without_repeats() =>
        Prop.ForAll(SweepGenerators.Specs.ToArbitrary(), model =>
        {
            var runs = Expand(model.Toml());
            var seeds = model.Seeds switch { null => 1, "1" => 1, "3" => 3, _ => 2 };
            var grid = model.Axes.Any(a => a.Values.Length > 1) || model.Cases.Length == 0 ? model.Axes.Aggregate(1, (n, a) => n * a.Values.Length) : 0;
            var cases = model.Cases.Sum(c => c.Aggregate(1, (n, a) => n * a.Values.Length));
            // Cases may repeat a grid point or each other: those are run once.
            return runs.Select(r => r.Hash).Distinct().Count() == runs.Length
                && runs.Length <= (grid + cases) * seeds
                && runs.Length >= grid * seeds;
        });

    [Fact]
    public void The_id_is_the_SHA256_of_the_non_default_keys_in_schema_order()
    {
        var config = new RunConfig { Sigma = 2, M = 50, Seed = 3 };
        Assert.Equal("m=50\nsigma=2\nseed=3\n", RunIdentity.Canonical(config));
        Assert.Equal(
            Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData("m=50\nsigma=2\nseed=3\n"u8.ToArray())),
            RunIdentity.Hash(config));
        Assert.Equal(RunIdentity.Hash(config)[..16], new SweepRun(config, RunIdentity.Hash(config), []).Id);
    }

    [Fact]
    public void Seeds_a_count_and_seeds_a_list_repeat_every_point()
    {
        Assert.Equal(["0", "1", "2"], Expand("sigma = [1, 2]\nseeds = 3\nm = 10").Where(r => r.Config.Sigma == 1).Select(r => r.Config.Seed.ToString()));
        Assert.Equal(["3", "7"], Expand("seeds = [3, 7]\nm = 10").Select(r => r.Config.Seed.ToString()));
    }

    [Fact]
    public void A_spec_of_cases_only_runs_the_cases_and_a_case_inherits_the_one_value_keys()
    {
        var runs = Expand("m = 10\nsigma = 2\n[[cases]]\neta = 0.002\n[[cases]]\nsigma = [0, 1]\n");
        Assert.Equal([(10, 2.0, 0.002), (10, 0.0, 0.001), (10, 1.0, 0.001)], runs.Select(r => (r.Config.M, r.Config.Sigma, r.Config.Eta)));
        Assert.Equal(["eta=0.002 seed=0", "sigma=0 seed=0", "sigma=1 seed=0"], runs.Select(r => r.Label));
    }

    [Theory]
    [InlineData(null, null, null, null, "0/1")]
    [InlineData("1/3", null, null, null, "1/3")]
    [InlineData(null, null, "SLURM_ARRAY_TASK_ID=5,SLURM_ARRAY_TASK_COUNT=8,SLURM_ARRAY_TASK_MIN=0", null, "5/8")]
    [InlineData(null, null, "SLURM_ARRAY_TASK_ID=7,SLURM_ARRAY_TASK_COUNT=4,SLURM_ARRAY_TASK_MIN=1,SLURM_ARRAY_TASK_STEP=2", null, "3/4")]
    [InlineData(null, "6", "JOB_COMPLETION_INDEX=2", null, "2/6")]
    [InlineData(null, null, "JOB_COMPLETION_INDEX=2", "pass --shards N", null)]
    [InlineData(null, "6", "JOB_COMPLETION_INDEX=6", "must be in [0, 6)", null)]
    [InlineData("2/2", null, null, "must be in [0, 2)", null)]
    [InlineData("a/b", null, null, "i/N", null)]
    [InlineData(null, "4", null, "--shard i/N", null)]
    public void The_shard_comes_from_the_option_or_the_scheduler(string? shard, string? shards, string? env, string? error, string? expected)
    {
        var variables = (env ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        string? Lookup(string name) => variables.GetValueOrDefault(name);
        if (error is not null)
            Assert.Contains(error, Assert.Throws<Lnsgd.Shell.Cli.UsageError>(() => ShardChoice.Resolve(shard, shards, Lookup)).Message);
        else
            Assert.Equal(expected, ShardChoice.Resolve(shard, shards, Lookup).Shard.ToString());
    }
}
