using System.Globalization;
using Lnsgd.Core.Sweeps;
using Lnsgd.Shell.Cli;

namespace Lnsgd.Shell.Sweeps;

/// <summary>
/// Which shard this process runs: <c>--shard i/N</c>; else a Slurm job array: with
/// <c>--shards N</c> shard <c>SLURM_ARRAY_TASK_ID</c> of N (absolute, so a resubmitted task runs
/// its own shard), without it the task's position in the array (<c>SLURM_ARRAY_TASK_MIN</c>,
/// <c>SLURM_ARRAY_TASK_STEP</c>, <c>SLURM_ARRAY_TASK_COUNT</c>: right only for the first
/// submission, and refused for a one-task array); else a Kubernetes Indexed Job (<c>JOB_COMPLETION_INDEX</c>,
/// with <c>--shards N</c> because the Job's completion count is not in the environment);
/// else the whole sweep. The environment is passed in, so tests never see the real one.
/// </summary>
public static class ShardChoice
{
    /// <summary>The shard and where it came from (for the progress line).</summary>
    public static (Shard Shard, string Source) Resolve(string? shardOption, string? shardsOption, Func<string, string?> environment)
    {
        if (shardOption is not null)
        {
            if (shardsOption is not null) throw new UsageError("give either --shard i/N or --shards N, not both");
            var (shard, error) = Shard.Parse(shardOption);
            return (shard ?? throw new UsageError(error!), "--shard");
        }
        long? shards = shardsOption is null ? null : Number("--shards", shardsOption);
        if (environment("SLURM_ARRAY_TASK_ID") is { } slurmId)
        {
            var id = Number("SLURM_ARRAY_TASK_ID", slurmId);
            // With --shards N the shard is the task id itself, whatever the array: resubmitting
            // task k alone (sbatch --array=k, where Slurm sets MIN = MAX = k and COUNT = 1) runs shard k.
            if (shards is { } n) return (Checked(id, n, "SLURM_ARRAY_TASK_ID (submit with --array=0-<N-1>)"), $"Slurm array task {id}");
            // Without it, the position in this array: right for the first submission only, so only when it covers several tasks.
            var min = environment("SLURM_ARRAY_TASK_MIN") is { } m ? Number("SLURM_ARRAY_TASK_MIN", m) : 0;
            var step = environment("SLURM_ARRAY_TASK_STEP") is { } s ? Number("SLURM_ARRAY_TASK_STEP", s) : 1;
            var count = environment("SLURM_ARRAY_TASK_COUNT") is { } c ? Number("SLURM_ARRAY_TASK_COUNT", c)
                : throw new UsageError("SLURM_ARRAY_TASK_ID is set but SLURM_ARRAY_TASK_COUNT is not: pass --shards N");
            if (count == 1)
                throw new UsageError($"a Slurm array of one task ({id}) is ambiguous (a resubmitted task, or a one-task sweep?): pass --shards N, the sweep's shard count, so task {id} runs shard {id} of N");
            if (step < 1 || (id - min) % step != 0) throw new UsageError($"SLURM_ARRAY_TASK_ID {id} is not MIN {min} plus a multiple of STEP {step}");
            return (Checked((id - min) / step, count, "Slurm array task"), $"Slurm array task {id}");
        }
        if (environment("JOB_COMPLETION_INDEX") is { } indexText)
        {
            var index = Number("JOB_COMPLETION_INDEX", indexText);
            if (shards is not { } n) throw new UsageError("JOB_COMPLETION_INDEX is set: pass --shards N (the Indexed Job's completions)");
            return (Checked(index, n, "JOB_COMPLETION_INDEX"), $"Indexed Job completion {index}");
        }
        if (shards is not null) throw new UsageError("--shards N needs a Slurm array or JOB_COMPLETION_INDEX; otherwise use --shard i/N");
        return (Shard.All, "whole sweep");
    }

    private static Shard Checked(long index, long count, string origin)
    {
        var (shard, error) = Shard.Of(index, count, origin);
        return shard ?? throw new UsageError(error!);
    }

    private static long Number(string name, string text) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v
        : throw new UsageError($"invalid value for '{name}': '{text}' (allowed: an integer)");
}
